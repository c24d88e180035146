package dev.lockstep.demorevision;

import java.time.OffsetDateTime;

import dev.lockstep.demo.library.Book;
import dev.lockstep.demo.library.Member;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import org.hibernate.annotations.ColumnDefault;

/**
 * The demo's {@code Loan}, changed as a developer would change it: it gains a field,
 * {@code returnedAt}.
 */
@Entity
class Loan {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "book_id", nullable = false, foreignKey = @ForeignKey(name = "loan_book_fk"))
	private Book book;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "member_id", nullable = false, foreignKey = @ForeignKey(name = "loan_member_fk"))
	private Member member;

	@ColumnDefault("now()")
	@Column(name = "loaned_at", nullable = false, insertable = false, updatable = false)
	private OffsetDateTime loanedAt;

	@Column(name = "returned_at")
	private OffsetDateTime returnedAt;

}
