package dev.lockstep.demorevision;

import dev.lockstep.demo.library.Book;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

/**
 * An entity new to the demo's model, with a foreign key to {@code book}.
 */
@Entity
class Review {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "book_id", nullable = false, foreignKey = @ForeignKey(name = "review_book_fk"))
	private Book book;

	@Column(nullable = false)
	private int rating;

	@Column(length = 2000)
	private String text;

}
