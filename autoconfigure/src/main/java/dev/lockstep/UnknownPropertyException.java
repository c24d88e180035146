package dev.lockstep;

import java.util.List;

/**
 * Thrown, before anything else runs, when a {@code lockstep.*} property that Lockstep does
 * not know is set: most likely a misspelling, which would otherwise be ignored.
 */
public final class UnknownPropertyException extends LockstepException {

	private final List<UnknownProperty> properties;

	public UnknownPropertyException(List<UnknownProperty> properties) {
		super(EXIT_INVALID_CONFIGURATION, message(properties));
		this.properties = List.copyOf(properties);
	}

	private static String message(List<UnknownProperty> properties) {
		StringBuilder message = new StringBuilder("Lockstep has no ")
			.append((properties.size() == 1) ? "property " : "properties ");
		for (int i = 0; i < properties.size(); i++) {
			message.append((i == 0) ? "" : (i == properties.size() - 1) ? " and " : ", ")
				.append(properties.get(i).describe());
		}
		return message.toString();
	}

	/**
	 * Return the unknown properties.
	 * @return them, each with the closest known property
	 */
	public List<UnknownProperty> getProperties() {
		return this.properties;
	}

	@Override
	public String getAction() {
		return "Correct the name (Lockstep's properties are listed in its README and in the configuration "
				+ "metadata your IDE completes from), or remove the property. Nothing was run.";
	}

	/**
	 * A property Lockstep does not know.
	 *
	 * @param name its name
	 * @param origin where it was set: a file and line, or a property source
	 * @param closest the known property whose name is closest to it
	 */
	public record UnknownProperty(String name, String origin, String closest) {

		String describe() {
			return "'" + this.name + "' (" + this.origin + "; did you mean '" + this.closest + "'?)";
		}

	}

}
