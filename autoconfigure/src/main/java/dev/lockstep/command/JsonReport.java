package dev.lockstep.command;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes command results as JSON, in the same shapes as the migrations endpoint.
 */
public final class JsonReport {

	private final JsonMapper mapper;

	public JsonReport(JsonMapper mapper) {
		this.mapper = mapper;
	}

	String write(Object report) {
		return this.mapper.writeValueAsString(report) + "\n";
	}

}
