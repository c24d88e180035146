package dev.lockstep.demo;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small lending library over the tables the migrations create.
 */
@RestController
class LibraryController {

	private final JdbcClient jdbc;

	LibraryController(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@GetMapping("/books")
	List<Book> books() {
		return this.jdbc.sql("SELECT b.id, b.title, a.name AS author FROM book b JOIN author a ON a.id = b.author_id "
				+ "ORDER BY b.id").query(Book.class).list();
	}

	@GetMapping("/members")
	List<Member> members() {
		return this.jdbc.sql("SELECT id, display_name FROM member ORDER BY id").query(Member.class).list();
	}

	@PostMapping("/members")
	@ResponseStatus(HttpStatus.CREATED)
	Member join(@RequestBody NewMember member) {
		return this.jdbc
			.sql("INSERT INTO member (first_name, last_name, display_name) VALUES (?, ?, ?) "
					+ "RETURNING id, display_name")
			.params(member.firstName(), member.lastName(), member.firstName() + " " + member.lastName())
			.query(Member.class)
			.single();
	}

	@PostMapping("/loans")
	@ResponseStatus(HttpStatus.CREATED)
	Loan lend(@RequestBody Loan loan) {
		this.jdbc.sql("INSERT INTO loan (book_id, member_id) VALUES (?, ?)").params(loan.bookId(), loan.memberId()).update();
		return loan;
	}

	record Book(long id, String title, String author) {

	}

	record Member(long id, String displayName) {

	}

	record NewMember(String firstName, String lastName) {

	}

	record Loan(long bookId, long memberId) {

	}

}
