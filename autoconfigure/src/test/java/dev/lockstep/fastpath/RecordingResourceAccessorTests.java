package dev.lockstep.fastpath;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import liquibase.resource.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RecordingResourceAccessor}: what it records for the fast path to check.
 */
class RecordingResourceAccessorTests {

	private final RecordingResourceAccessor accessor = new RecordingResourceAccessor(new DefaultResourceLoader());

	@Test
	void classpathPathIsListedItselfBecauseAnotherClasspathEntryCanShadowIt() throws IOException {
		this.accessor.getAll("db/basic/changelog.yaml");
		InputsManifest manifest = this.accessor.manifest();
		assertThat(manifest.reads()).singleElement().asString().endsWith("/db/basic/changelog.yaml");
		assertThat(manifest.listings()).containsExactly("classpath*:/db/basic/changelog.yaml");
	}

	@Test
	void fileThatWasFoundIsReadAndNothingListed(@TempDir Path directory) throws IOException {
		Path changelog = Files.writeString(directory.resolve("changelog.yaml"), "databaseChangeLog: []\n");
		this.accessor.getAll(changelog.toUri().toString());
		InputsManifest manifest = this.accessor.manifest();
		assertThat(manifest.reads()).singleElement().asString().endsWith("/changelog.yaml");
		assertThat(manifest.listings()).isEmpty();
	}

	@Test
	void fileThatWasMissingIsListedItselfSoThatItsArrivalCounts(@TempDir Path directory) throws IOException {
		this.accessor.getAll(directory.resolve("optional.yaml").toUri().toString());
		InputsManifest manifest = this.accessor.manifest();
		assertThat(manifest.reads()).isEmpty();
		assertThat(manifest.listings()).anySatisfy((listing) -> assertThat(listing).endsWith("/optional.yaml"));
	}

	@Test
	void resourcesResolvedFromAChangelogAreRecordedWhereverTheyAre(@TempDir Path directory) throws IOException {
		Path changelogs = Files.createDirectories(directory.resolve("changelogs"));
		Path changelog = Files.writeString(changelogs.resolve("changelog.yaml"), "databaseChangeLog: []\n");
		Files.createDirectories(directory.resolve("sql"));
		Files.writeString(directory.resolve("sql/view.sql"), "SELECT 1");
		Resource resource = this.accessor.getAll(changelog.toUri().toString()).get(0);
		assertThat(resource.resolveSibling("../sql/view.sql").exists()).isTrue();
		assertThat(resource.resolveSibling("../data/not-a-file").exists()).isFalse();
		resource.resolveSibling("more/");
		InputsManifest manifest = this.accessor.manifest();
		assertThat(manifest.reads()).anySatisfy((read) -> assertThat(read).endsWith("/sql/view.sql"))
			.noneMatch((read) -> read.endsWith("/more/"));
		assertThat(manifest.listings()).anySatisfy((listing) -> assertThat(listing).endsWith("/data/*"))
			.noneMatch((listing) -> listing.contains("not-a-file") || listing.endsWith("/more/"));
	}

}
