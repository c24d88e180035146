package dev.lockstep.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.FileSystemUtils;

/**
 * A fresh H2 database in file mode for each test, which any number of connections of the
 * test's JVM share, removed when the test class is done.
 */
public final class H2TestDatabase implements ServerDatabase, BeforeEachCallback, AfterAllCallback {

	private final Path directory = Path.of("target", "h2", UUID.randomUUID().toString());

	private String url;

	@Override
	public void beforeEach(ExtensionContext context) throws IOException {
		Files.createDirectories(this.directory);
		this.url = "jdbc:h2:file:" + this.directory.toAbsolutePath().resolve(UUID.randomUUID().toString());
	}

	@Override
	public void afterAll(ExtensionContext context) throws IOException {
		FileSystemUtils.deleteRecursively(this.directory);
	}

	@Override
	public DataSource dataSource() {
		return new SimpleDriverDataSource(new org.h2.Driver(), this.url, "sa", "");
	}

	@Override
	public String[] datasourceProperties() {
		return new String[] { "spring.datasource.url=" + this.url, "spring.datasource.username=sa",
				"spring.datasource.password=" };
	}

}
