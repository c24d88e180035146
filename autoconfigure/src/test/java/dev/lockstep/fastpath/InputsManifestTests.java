package dev.lockstep.fastpath;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link InputsManifest}: what its digest reads and what changes it.
 */
class InputsManifestTests {

	@TempDir
	Path directory;

	private final CountingResolver resolver = new CountingResolver();

	@Test
	void fileThatIsReadAndListedIsOpenedOnce() throws IOException {
		readChangelogAndListItsDirectory().digest("settings", this.resolver);
		// The changelog, read from the file system directly, is not opened again for the listing.
		assertThat(this.resolver.opened).containsOnly(Map.entry(this.directory.resolve("data.csv"), 1));
	}

	@Test
	void digestChangesWithAReadFilesContent() throws IOException {
		InputsManifest manifest = readChangelogAndListItsDirectory();
		String digest = manifest.digest("settings", this.resolver);
		Files.writeString(this.directory.resolve("changelog.yaml"), "databaseChangeLog: [ ]\n");
		assertThat(manifest.digest("settings", this.resolver)).isNotEqualTo(digest);
	}

	@Test
	void readThatIsNotAFileGoesThroughTheResolver() throws IOException {
		InputsManifest manifest = new InputsManifest(List.of("classpath:db/basic/changelog.yaml"), List.of());
		assertThat(manifest.digest("settings", new PathMatchingResourcePatternResolver())).hasSize(64);
		assertThatExceptionOfType(FileNotFoundException.class)
			.isThrownBy(() -> new InputsManifest(List.of("classpath:db/none.yaml"), List.of()).digest("settings",
					new PathMatchingResourcePatternResolver()));
	}

	@Test
	void digestChangesWithAListedFilesContentAndNotWithoutIt() throws IOException {
		InputsManifest manifest = readChangelogAndListItsDirectory();
		String digest = manifest.digest("settings", this.resolver);
		assertThat(manifest.digest("settings", this.resolver)).isEqualTo(digest);
		Files.writeString(this.directory.resolve("data.csv"), "id\n2\n");
		assertThat(manifest.digest("settings", this.resolver)).isNotEqualTo(digest);
	}

	/**
	 * A changelog read by Liquibase and a data file beside it, which only the listing of
	 * their directory finds.
	 */
	private InputsManifest readChangelogAndListItsDirectory() throws IOException {
		Path changelog = Files.writeString(this.directory.resolve("changelog.yaml"), "databaseChangeLog: []\n");
		Files.writeString(this.directory.resolve("data.csv"), "id\n1\n");
		return new InputsManifest(List.of(changelog.toUri().toURL().toExternalForm()),
				List.of(this.directory.toUri() + "**"));
	}

	/**
	 * Counts how often each file is opened.
	 */
	static class CountingResolver extends PathMatchingResourcePatternResolver {

		final Map<Path, Integer> opened = new ConcurrentHashMap<>();

		@Override
		public Resource getResource(String location) {
			return counting(super.getResource(location));
		}

		@Override
		public Resource[] getResources(String locationPattern) throws IOException {
			Resource[] resources = super.getResources(locationPattern);
			for (int i = 0; i < resources.length; i++) {
				resources[i] = counting(resources[i]);
			}
			return resources;
		}

		private Resource counting(Resource resource) {
			try {
				return new CountingResource(resource.getFile().toPath());
			}
			catch (IOException ex) {
				throw new IllegalStateException("Only files are expected here: " + resource, ex);
			}
		}

		private final class CountingResource extends FileSystemResource {

			private final Path path;

			CountingResource(Path path) {
				super(path);
				this.path = path;
			}

			@Override
			public InputStream getInputStream() throws IOException {
				CountingResolver.this.opened.merge(this.path, 1, Integer::sum);
				return super.getInputStream();
			}

		}

	}

}
