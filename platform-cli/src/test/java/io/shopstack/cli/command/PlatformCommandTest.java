package io.shopstack.cli.command;

import io.shopstack.cli.Jit;
import io.shopstack.cli.LocalPlatform;
import io.shopstack.cli.ServiceSpec;
import io.shopstack.infrastructure.Server;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The command line of {@code ./platform} without running anything: what every command and option parses to, the help,
 * and the exit codes of bad usage. What the commands do against a running platform is the end-to-end suite's part.
 */
@Tag("unit")
class PlatformCommandTest {

    private static final List<String> COMMANDS = List.of(
            "up", "down", "status", "logs", "scale", "start", "infra", "token", "config", "bench", "catalog", "cpu",
            "build", "help");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine commandLine(Map<String, String> environment) {
        CommandLine commandLine = PlatformCommand.commandLine(new LocalPlatform(environment));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine;
    }

    private int run(String... args) {
        // picocli reports a help text it cannot format (e.g. an unescaped '%') on System.err, not on the command's
        // error writer: watch both.
        PrintStream systemErr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            return commandLine(Map.of()).execute(args);
        } finally {
            System.setErr(systemErr);
            err.write(warnings.toString(StandardCharsets.UTF_8));
        }
    }

    /** The object of the innermost command that {@code args} select, with its fields parsed. */
    private static <T> T parse(Class<T> type, String... args) {
        return parse(Map.of(), type, args);
    }

    private static <T> T parse(Map<String, String> environment, Class<T> type, String... args) {
        ParseResult result =
                PlatformCommand.commandLine(new LocalPlatform(environment)).parseArgs(args);
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        return type.cast(result.commandSpec().userObject());
    }

    private static ParseResult innermost(String... args) {
        ParseResult result =
                PlatformCommand.commandLine(new LocalPlatform(Map.of())).parseArgs(args);
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        return result;
    }

    // ---------------------------------------------------------------- help

    @Test
    void helpListsEveryCommandOnStandardOutput() {
        for (String help : List.of("help", "--help", "-h")) {
            out.getBuffer().setLength(0);
            assertThat(run(help)).as(help).isZero();
            assertThat(out.toString())
                    .as(help)
                    .startsWith("Usage: ./platform [-h] COMMAND")
                    .contains("Exit codes:", "SHOPSTACK_HOME");
            for (String command : COMMANDS) {
                assertThat(out.toString()).as(help).containsPattern("(?m)^  " + command + " +\\S");
            }
        }
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void everyCommandDescribesItselfAndItsOptions() {
        for (String command : COMMANDS) {
            out.getBuffer().setLength(0);
            assertThat(run(command, "--help")).as(command).isZero();
            assertThat(out.toString()).as(command).contains("Usage: ./platform " + command);
        }
        for (String[] sub : List.of(
                new String[] {"infra", "stop"},
                new String[] {"infra", "start"},
                new String[] {"config", "push"},
                new String[] {"config", "install-hook"})) {
            out.getBuffer().setLength(0);
            assertThat(run(sub[0], sub[1], "--help")).isZero();
            assertThat(out.toString()).contains("Usage: ./platform " + sub[0] + " " + sub[1]);
        }
        out.getBuffer().setLength(0);
        assertThat(run("help", "token")).isZero();
        assertThat(out.toString())
                .contains("(<user> | --service=<client-id>)", "--scope=<scope>", "SHOPSTACK_PASSWORD");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void upsHelpNamesEveryOptionAndEveryServicePortVariable() {
        assertThat(run("up", "--help")).isZero();
        assertThat(out.toString())
                .contains(
                        "--infra-only",
                        "--clean",
                        "--no-zipkin",
                        "--data-dir=<dir>",
                        "--postgres-port=<port>",
                        "--kafka-port=<port>",
                        "--kafka-controller-port=<port>",
                        "--redis-port=<port>",
                        "--zipkin-port=<port>",
                        "--zipkin-heap=<MB>");
        for (ServiceSpec service : ServiceSpec.ALL) {
            assertThat(out.toString()).contains(service.portVariable() + " (" + service.defaultPort() + ")");
        }
    }

    // ---------------------------------------------------------------- bad usage: exit 2, usage on standard error

    @Test
    void anUnknownCommandExitsWith2AndPrintsTheUsageToStandardError() {
        assertThat(run("nosuchcommand")).isEqualTo(2);
        assertThat(err.toString())
                .startsWith("error: unknown command 'nosuchcommand'")
                .contains("Usage: ./platform [-h] COMMAND");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aCloseMisspellingGetsASuggestion() {
        assertThat(run("stauts")).isEqualTo(2);
        assertThat(err.toString()).contains("Did you mean", "status");
    }

    @Test
    void noCommandIsBadUsage() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: missing command").contains("Usage: ./platform");
    }

    @Test
    void aBadOptionOrArgumentExitsWith2AndPrintsTheCommandsUsage() {
        Map<List<String>, String> cases = Map.of(
                List.of("up", "--bogus"), "Unknown option: '--bogus'",
                List.of("up", "--postgres-port=abc"), "'abc' is not an int",
                List.of("scale", "cart-service"), "Missing required parameter: '<instances>'",
                List.of("scale", "shop", "2"), "unknown service 'shop'",
                List.of("scale", "cart-service", "6"), "instances must be between 1 and 5, was 6",
                List.of("token"), "Missing required argument",
                List.of("token", "alice", "--service", "cart-service"), "mutually exclusive",
                List.of("infra", "stop", "mysql"), "unknown server 'mysql'",
                List.of("config", "pull"), "unknown command 'pull'",
                List.of("down", "now"), "Unmatched argument at index 1: 'now'");
        cases.forEach((args, message) -> {
            err.getBuffer().setLength(0);
            assertThat(run(args.toArray(String[]::new))).as("%s", args).isEqualTo(2);
            assertThat(err.toString())
                    .as("%s", args)
                    .startsWith("error: ")
                    .contains(message)
                    .contains("Usage: ./platform " + args.getFirst());
        });
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aSubcommandIsRequiredWhereThereAreSome() {
        assertThat(run("infra")).isEqualTo(2);
        assertThat(err.toString()).contains("missing command: stop or start", "Usage: ./platform infra");
        assertThat(run("config")).isEqualTo(2);
        assertThat(err.toString()).contains("missing command: push or install-hook", "Usage: ./platform config");
    }

    @Test
    void aBadValueFoundWhileRunningIsBadUsageToo() {
        // The issuer's port is read when the token is requested, before any connection.
        assertThat(commandLine(Map.of("AUTH_SERVER_PORT", "ninethousand")).execute("token", "alice"))
                .isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo(
                        "error: AUTH_SERVER_PORT must be a port number, was 'ninethousand'" + System.lineSeparator());
    }

    @Test
    void buildIsTheScriptsJob() {
        assertThat(run("build")).isEqualTo(2);
        assertThat(err.toString()).contains("./platform build runs in the ./platform script");
    }

    // ---------------------------------------------------------------- parsing, command by command

    @Test
    void upWithoutOptionsLeavesEverythingToTheEnvironmentAndTheDefaults() {
        UpCommand up = parse(UpCommand.class, "up");
        assertThat(up.infraOnly).isFalse();
        assertThat(up.infrastructureArguments()).isEmpty();
    }

    @Test
    void upHandsItsInfrastructureOptionsOnInTheInfrastructuresSyntax() {
        UpCommand up = parse(
                UpCommand.class,
                "up",
                "--infra-only",
                "--clean",
                "--no-zipkin",
                "--data-dir=/tmp/data",
                "--postgres-port=15432",
                "--kafka-port",
                "19092",
                "--kafka-controller-port=19093",
                "--redis-port=16379",
                "--zipkin-port=19411",
                "--zipkin-heap=128");
        assertThat(up.infraOnly).isTrue();
        assertThat(up.infrastructureArguments())
                .containsExactly(
                        "--clean",
                        "--no-zipkin",
                        "--data-dir=/tmp/data",
                        "--postgres-port=15432",
                        "--kafka-port=19092",
                        "--kafka-controller-port=19093",
                        "--redis-port=16379",
                        "--zipkin-port=19411",
                        "--zipkin-heap=128");
    }

    @Test
    void upTakesTheServicesJitModeAndTheJavaOptionsFollowIt() {
        assertThat(parse(UpCommand.class, "up").jit).isNull(); // the environment's, else dev
        assertThat(parse(UpCommand.class, "up", "--jit=full").jit).isEqualTo(Jit.FULL);
        assertThat(parse(UpCommand.class, "up", "--jit", "DEV").jit).isEqualTo(Jit.DEV);
        assertThatThrownBy(() -> parse(UpCommand.class, "up", "--jit=fast"))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("dev or full");

        LocalPlatform platform = new LocalPlatform(Map.of("SHOPSTACK_HOME", "target/no-platform-here"));
        assertThat(platform.jit()).isEqualTo(Jit.DEV);
        assertThat(platform.serviceJavaOptions(Jit.DEV)).contains("-XX:TieredStopAtLevel=1", "-Xmx256m");
        assertThat(platform.serviceJavaOptions(Jit.FULL))
                .contains("-Xmx256m")
                .noneMatch(option -> option.contains("TieredStopAtLevel"));
        assertThat(new LocalPlatform(Map.of("SHOPSTACK_JIT", "full")).jit()).isEqualTo(Jit.FULL);
        // Own options that name a JIT setting win over the mode's.
        assertThat(new LocalPlatform(Map.of("SHOPSTACK_SERVICE_JAVA_OPTS", "-Xmx1g -XX:TieredStopAtLevel=4"))
                        .serviceJavaOptions(Jit.DEV))
                .contains("-XX:TieredStopAtLevel=4")
                .doesNotContain("-XX:TieredStopAtLevel=1");
    }

    @Test
    void downAndStatusTakeNoArguments() {
        assertThat(parse(DownCommand.class, "down")).isNotNull();
        assertThat(parse(StatusCommand.class, "status")).isNotNull();
    }

    @Test
    void logsTakesAName() {
        assertThat(parse(LogsCommand.class, "logs", "cart-service-2").name).isEqualTo("cart-service-2");
        assertThatThrownBy(() -> parse(LogsCommand.class, "logs")).isInstanceOf(ParameterException.class);
    }

    @Test
    void logsOfSomethingThatWroteNoneListsWhatThereIs() {
        Path home = Path.of("target", "no-logs-here").toAbsolutePath();
        assertThat(commandLine(Map.of("SHOPSTACK_HOME", home.toString())).execute("logs", "kafka"))
                .isEqualTo(2);
        assertThat(err.toString()).startsWith("error: no log named 'kafka'; available: none yet");
    }

    @Test
    void scaleTakesAServiceAndACount() {
        ScaleCommand scale = parse(ScaleCommand.class, "scale", "cart-service", "2");
        assertThat(scale.service.name()).isEqualTo("cart-service");
        assertThat(scale.instances).isEqualTo(2);
    }

    @Test
    void startTakesAServiceOrAnInfrastructureServer() {
        assertThat(parse(StartCommand.class, "start", "product-service")
                        .target
                        .service()
                        .name())
                .isEqualTo("product-service");
        assertThat(parse(StartCommand.class, "start", "redis").target.server()).isEqualTo(Server.REDIS);
        assertThatThrownBy(() -> parse(StartCommand.class, "start", "product"))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("unknown service 'product'");
    }

    @Test
    void cpuMeasuresAWindowOfSecondsWithAnOptionalLimit() {
        CpuCommand defaults = parse(CpuCommand.class, "cpu");
        assertThat(defaults.seconds).isEqualTo(60);
        assertThat(defaults.maxPercent).isNull();
        CpuCommand limited = parse(CpuCommand.class, "cpu", "30", "--max=5");
        assertThat(limited.seconds).isEqualTo(30);
        assertThat(limited.maxPercent).isEqualTo(5.0);
        assertThat(run("cpu", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("<seconds> must be at least 1");
    }

    @Test
    void cpuWithNothingRunningSaysSoAndFails(@org.junit.jupiter.api.io.TempDir Path home) {
        assertThat(commandLine(Map.of("SHOPSTACK_HOME", home.toString())).execute("cpu", "1"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("nothing of shopstack runs for", "./platform up");
    }

    @Test
    void infraStopsAndStartsAServerByName() {
        ParseResult stop = innermost("infra", "stop", "kafka");
        assertThat(stop.commandSpec().name()).isEqualTo("stop");
        assertThat(stop.<Server>matchedPositionalValue(0, null)).isEqualTo(Server.KAFKA);
        ParseResult start = innermost("infra", "start", "Redis");
        assertThat(start.commandSpec().name()).isEqualTo("start");
        assertThat(start.<Server>matchedPositionalValue(0, null)).isEqualTo(Server.REDIS);
        assertThatThrownBy(() -> innermost("infra", "stop")).isInstanceOf(ParameterException.class);
    }

    @Test
    void tokenIsForAUserWithAnExtraScope() {
        TokenCommand token = parse(TokenCommand.class, "token", "admin", "--scope", "catalog:write");
        assertThat(token.subject.user).isEqualTo("admin");
        assertThat(token.subject.clientId).isNull();
        assertThat(token.scope).isEqualTo("catalog:write");
        assertThat(parse(TokenCommand.class, "token", "alice").scope).isNull();
    }

    @Test
    void tokenIsForAServiceClient() {
        TokenCommand token = parse(TokenCommand.class, "token", "--service", "operator", "--scope=promo:admin");
        assertThat(token.subject.clientId).isEqualTo("operator");
        assertThat(token.subject.user).isNull();
        assertThat(token.scope).isEqualTo("promo:admin");
    }

    @Test
    void configPushesOrInstallsTheHook() {
        assertThat(innermost("config", "push").commandSpec().name()).isEqualTo("push");
        assertThat(innermost("config", "install-hook").commandSpec().name()).isEqualTo("install-hook");
    }

    @Test
    void benchRunsTheSimulationFromTheBuiltModuleAgainstTheConfiguredGateway() {
        Map<String, String> environment = Map.of("GATEWAY_PORT", "18080");
        BenchCommand bench = parse(environment, BenchCommand.class, "bench");
        assertThat(bench.command())
                .contains("load-tests/target/classes:load-tests/target/lib/*", "io.gatling.app.Gatling")
                .containsSequence("--simulation", BenchCommand.SIMULATION)
                .containsSequence("--results-folder", "load-tests/target/gatling");
        Map<String, String> settings = bench.gatlingEnvironment(List.of("a", "b"), "BENCH1");
        assertThat(settings)
                .containsEntry("SHOPSTACK_BASE_URL", "http://localhost:18080")
                .containsEntry("SHOPSTACK_TOKENS", "a,b")
                .containsEntry("SHOPSTACK_PROMO_CODE", "BENCH1")
                .containsEntry("SHOPSTACK_RATE", "5.0")
                .containsEntry("SHOPSTACK_DURATION", "60")
                .containsEntry("SHOPSTACK_RAMP", "10")
                .containsEntry("SHOPSTACK_ASSERTIONS", "goals");
        assertThat(bench.command()).noneMatch(argument -> argument.contains("a,b"));
        BenchCommand smoke = parse(BenchCommand.class, "bench", "--smoke", "--rate=3", "--duration=25", "--ramp=5");
        assertThat(smoke.gatlingEnvironment(List.of("a"), "X"))
                .containsEntry("SHOPSTACK_ASSERTIONS", "errors")
                .containsEntry("SHOPSTACK_RATE", "3.0")
                .containsEntry("SHOPSTACK_DURATION", "25")
                .containsEntry("SHOPSTACK_RAMP", "5");
        assertThat(smoke.wrkSeconds).isEqualTo(15);
        assertThatThrownBy(() -> parse(BenchCommand.class, "bench", "--rate=fast"))
                .isInstanceOf(ParameterException.class);
    }

    @Test
    void benchReadsWrksSummary() {
        String output = """
                Running 15s test @ http://localhost:8002/api/products/1
                  2 threads and 16 connections
                  Latency Distribution
                     50%  812.00us
                     75%    1.20ms
                     90%    2.00ms
                     99%   12.50ms
                  11264 requests in 15.00s, 5.33MB read
                  Non-2xx or 3xx responses: 42
                Requests/sec:    750.93
                Transfer/sec:    363.72KB
                """;
        Wrk.Result result = Wrk.parse("direct", output);
        assertThat(result.requestsPerSecond()).isEqualTo(750.93);
        assertThat(result.p50Millis()).isEqualTo(0.812);
        assertThat(result.p99Millis()).isEqualTo(12.5);
        assertThat(result.non2xx()).isEqualTo(42);
        assertThat(Wrk.table(List.of(result))).contains("direct", "750.9", "0.81", "12.50", "42");
    }

    @Test
    void catalogGeneratesAMillionProductsUnlessToldOtherwiseAndResets() {
        assertThat(parse(CatalogCommand.Generate.class, "catalog", "generate").products)
                .isEqualTo(1_000_000);
        assertThat(parse(CatalogCommand.Generate.class, "catalog", "generate", "--products", "36").products)
                .isEqualTo(36);
        assertThat(innermost("catalog", "reset").commandSpec().name()).isEqualTo("reset");
        assertThatThrownBy(() -> parse(CatalogCommand.Generate.class, "catalog", "generate", "--products", "many"))
                .isInstanceOf(ParameterException.class);
        assertThat(run("catalog")).isEqualTo(2);
        assertThat(err.toString()).contains("missing command");
    }
}
