package dev.kiroscim.server.cli;

import dev.kiroscim.server.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar kiro-scim-bridge.jar <command>}. */
@Command(
        name = "kiro-scim-bridge",
        mixinStandardHelpOptions = true,
        version = "kiro-scim-bridge 0.1.0",
        description = "SCIM 2.0 server that provisions Kiro seats through AWS IAM Identity Center.",
        subcommands = {
            ServeCommand.class,
            TokenCommand.class,
            AuditCommand.class,
            ReportCommand.class,
            PolicyCommand.class,
            SeatsCommand.class,
            PlanCommand.class,
            ExplainCommand.class,
            BackupCommand.class,
            RestoreCommand.class,
            UsageCommand.class,
            InvoiceCommand.class
        })
public final class Main {

    public static void main(String[] args) {
        Logging.configure();
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            String message = e instanceof ConfigException || e instanceof IllegalArgumentException
                    ? e.getMessage()
                    : Errors.explain(
                            e, commandLine.getCommandSpec().qualifiedName().replaceFirst("^\\S+\\s*", ""));
            commandLine.getErr().println("error: " + message);
            return 2;
        });
        int code = cli.execute(args);
        if (code != 0 || args.length == 0 || !args[0].equals("serve")) {
            System.exit(code);
        }
    }
}
