package dev.lockstep.demo.library;

import java.time.OffsetDateTime;

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
 * A book lent to a member.
 */
@Entity
public class Loan {

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

	protected Loan() {
	}

	public Long getId() {
		return this.id;
	}

	public Book getBook() {
		return this.book;
	}

	public Member getMember() {
		return this.member;
	}

	public OffsetDateTime getLoanedAt() {
		return this.loanedAt;
	}

}
