package dev.lockstep.fastpath;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import liquibase.integration.spring.SpringResourceAccessor;
import liquibase.resource.Resource;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ResourceLoader;

/**
 * Spring's resource accessor for Liquibase that remembers every resource Liquibase read
 * and every location it listed, so that the fast path can tell later, without Liquibase,
 * whether any of them changed. For each path looked up it also remembers the path itself
 * where a later look-up can find more (a file missing now, or a classpath entry that
 * shadows the one found); and every resource resolved from the resources it returns
 * (files that changesets open relative to their changelog, such as {@code sqlFile} and
 * {@code loadData}, are opened that way, without this accessor). Nothing else is listed:
 * a file that no changelog looks up cannot change what is pending.
 */
public class RecordingResourceAccessor extends SpringResourceAccessor {

	private static final String CLASSPATH_ALL = "classpath*:";

	private final Set<String> reads = new TreeSet<>();

	private final Set<String> listings = new TreeSet<>();

	private final Consumer<Resource> onResolved = this::recordResolved;

	/**
	 * Create a new instance.
	 * @param resourceLoader where the changelogs are read from
	 */
	public RecordingResourceAccessor(ResourceLoader resourceLoader) {
		super(resourceLoader);
	}

	@Override
	public List<Resource> getAll(String path) throws IOException {
		List<Resource> resources = recording(super.getAll(path));
		synchronized (this) {
			String searchPath = finalizeSearchPath(path);
			if (searchPath.startsWith(CLASSPATH_ALL) || resources == null || resources.isEmpty()) {
				this.listings.add(searchPath);
			}
			if (resources != null) {
				for (Resource resource : resources) {
					this.reads.add(resource.getUri().toString());
				}
			}
		}
		return resources;
	}

	@Override
	public List<Resource> search(String searchPath, boolean recursive) throws IOException {
		synchronized (this) {
			this.listings.add(finalizeSearchPath(searchPath + ((recursive) ? "/**" : "/*")));
		}
		return recording(super.search(searchPath, recursive));
	}

	private @Nullable List<Resource> recording(@Nullable List<Resource> resources) {
		if (resources == null) {
			return null;
		}
		List<Resource> recording = new ArrayList<>(resources.size());
		for (Resource resource : resources) {
			recording.add(new RecordingResource(resource, this.onResolved));
		}
		return recording;
	}

	/**
	 * Remember a resource resolved from one this accessor returned. A file that exists
	 * counts as read. A missing one counts by its directory's listing, so that it takes
	 * the full path once it appears: loadData resolves every value of a CLOB column this
	 * way, whether it names a file or not. A directory (an includeAll location) counts
	 * where Liquibase searches it, through this accessor.
	 */
	private synchronized void recordResolved(Resource resource) {
		String uri = resource.getUri().toString();
		if (uri.endsWith("/")) {
			return;
		}
		if (resource.exists()) {
			this.reads.add(uri);
		}
		else {
			this.listings.add(uri.substring(0, uri.lastIndexOf('/') + 1) + "*");
		}
	}

	/**
	 * Return what Liquibase read and listed so far.
	 * @return the manifest
	 */
	public synchronized InputsManifest manifest() {
		return new InputsManifest(new ArrayList<>(this.reads), new ArrayList<>(this.listings));
	}

}
