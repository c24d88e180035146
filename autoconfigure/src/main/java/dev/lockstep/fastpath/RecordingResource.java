package dev.lockstep.fastpath;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.function.Consumer;

import liquibase.resource.AbstractResource;
import liquibase.resource.OpenOptions;
import liquibase.resource.Resource;

/**
 * A resource of the {@link RecordingResourceAccessor} that reports every resource resolved
 * from it: Liquibase opens a changeset's {@code sqlFile}, {@code loadData} or
 * {@code property file} relative to its changelog this way, without the accessor, and
 * possibly outside the changelog's directory.
 */
final class RecordingResource extends AbstractResource {

	private final Resource resource;

	private final Consumer<Resource> resolved;

	RecordingResource(Resource resource, Consumer<Resource> resolved) {
		super(resource.getPath(), resource.getUri());
		this.resource = resource;
		this.resolved = resolved;
	}

	@Override
	public String getPath() {
		return this.resource.getPath();
	}

	@Override
	public URI getUri() {
		return this.resource.getUri();
	}

	@Override
	public boolean exists() {
		return this.resource.exists();
	}

	@Override
	public InputStream openInputStream() throws IOException {
		return this.resource.openInputStream();
	}

	@Override
	public boolean isWritable() {
		return this.resource.isWritable();
	}

	@Override
	public OutputStream openOutputStream(OpenOptions openOptions) throws IOException {
		return this.resource.openOutputStream(openOptions);
	}

	@Override
	public Resource resolve(String other) {
		return report(this.resource.resolve(other));
	}

	@Override
	public Resource resolveSibling(String other) {
		return report(this.resource.resolveSibling(other));
	}

	private Resource report(Resource resource) {
		this.resolved.accept(resource);
		return new RecordingResource(resource, this.resolved);
	}

}
