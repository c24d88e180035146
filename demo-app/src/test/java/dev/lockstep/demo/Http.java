package dev.lockstep.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;

/**
 * A GET against a demo process.
 *
 * @param status the HTTP status
 * @param json the body
 */
record Http(int status, DocumentContext json) {

	private static final HttpClient client = HttpClient.newHttpClient();

	static Http get(int port, String path) throws Exception {
		HttpResponse<String> response = client.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		return new Http(response.statusCode(), JsonPath.parse(response.body()));
	}

}
