package dev.lockstep.reliability.foreign;

import java.nio.file.Path;
import java.util.Map;

import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.resource.DirectoryResourceAccessor;

/**
 * Plain Liquibase, through its own API, in a process without Lockstep on its class path:
 * {@code update} of a changelog. Arguments: JDBC URL, user, password, changelog file.
 */
public final class ForeignLiquibase {

	private ForeignLiquibase() {
	}

	public static void main(String[] args) throws Exception {
		Path changelog = Path.of(args[3]).toAbsolutePath();
		Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(changelog.getParent())),
				() -> {
					new CommandScope("update").addArgumentValue("url", args[0])
						.addArgumentValue("username", args[1])
						.addArgumentValue("password", args[2])
						.addArgumentValue("changelogFile", changelog.getFileName().toString())
						.execute();
				});
		System.out.println("Foreign Liquibase update done");
	}

}
