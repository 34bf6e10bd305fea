package dev.papergraph.neo4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.time.Duration;
import inet.ipaddr.IPAddressString;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * A local Neo4j 5 community server without Docker
 * ================================================
 *
 * Starts the embeddable DBMS (the same kernel and Bolt connector as the Neo4j server) with:
 * Bolt on a loopback address, auth on, the password of user {@code neo4j} read from standard
 * input (never from the environment, which {@code LOAD CSV FROM 'file:///proc/self/environ'}
 * and every process of the user can read), a bounded page cache, a data folder given on the command line, and
 * {@code LOAD CSV} confined to the data folder's {@code import/} (no other file, no URL). Prints one
 * readiness line on stdout once Bolt accepts connections, and shuts the DBMS down cleanly on
 * SIGTERM/SIGINT (a JVM shutdown hook), so the store is never left needing recovery.
 *
 * <pre>
 * java [--add-opens ...] -Xmx1g -cp 'neo4j/target/classes:neo4j/target/dependency/*' \
 *   dev.papergraph.neo4j.LocalServer --home neo4j/data --port 7687
 * </pre>
 *
 * Options (each also read from the environment; the argument wins):
 * <ul>
 *   <li>{@code --home DIR} / {@code PAPERGRAPH_NEO4J_HOME}: DBMS home (databases, transaction
 *       logs, debug log); default {@code neo4j/data}.</li>
 *   <li>{@code --host H} / {@code PAPERGRAPH_NEO4J_HOST}: Bolt listen host; default 127.0.0.1.</li>
 *   <li>{@code --port N} / {@code PAPERGRAPH_NEO4J_PORT}: Bolt port; default 7687.</li>
 *   <li>{@code --pagecache SIZE} / {@code PAPERGRAPH_NEO4J_PAGECACHE}: page cache, e.g.
 *       {@code 512m}; default 512m.</li>
 *   <li>{@code --plugins DIR} / {@code PAPERGRAPH_NEO4J_PLUGINS}: a folder of procedure jars to load
 *       (e.g. {@code neo4j/target/gds}, Graph Data Science, whose jars must also be on the
 *       classpath for its extensions); its {@code gds.*} procedures run unrestricted. Default: none.</li>
 *   <li>Standard input: the password of user {@code neo4j}, one line (required, at least 8
 *       characters, as Neo4j 5 demands), e.g. {@code printf '%s\n' "$NEO4J_PASSWORD" | java …}.</li>
 * </ul>
 * Exit codes: 0 after a clean shutdown, 1 for bad arguments, 2 when the DBMS fails to start.
 */
public final class LocalServer {
  /** The line the launcher's callers wait for; the Bolt URI follows it. */
  public static final String READY = "papergraph-neo4j ready ";

  private LocalServer() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> env = System.getenv();
    String home = env.getOrDefault("PAPERGRAPH_NEO4J_HOME", "neo4j/data");
    String host = env.getOrDefault("PAPERGRAPH_NEO4J_HOST", "127.0.0.1");
    String port = env.getOrDefault("PAPERGRAPH_NEO4J_PORT", "7687");
    String pageCache = env.getOrDefault("PAPERGRAPH_NEO4J_PAGECACHE", "512m");
    String plugins = env.get("PAPERGRAPH_NEO4J_PLUGINS");
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--home" -> home = require(args[i], value);
        case "--host" -> host = require(args[i], value);
        case "--port" -> port = require(args[i], value);
        case "--pagecache" -> pageCache = require(args[i], value);
        case "--plugins" -> plugins = require(args[i], value);
        default -> fail("unknown argument " + args[i]);
      }
      i++;
    }
    String password = readPassword();
    if (password == null || password.length() < 8) {
      fail("the password of user neo4j, at least 8 characters, must come on standard input (one line)");
    }
    int boltPort = parsePort(port);
    long pageCacheBytes = parseSize(pageCache);

    Path homeDir = Path.of(home).toAbsolutePath().normalize();
    Files.createDirectories(homeDir);
    Path importDir = Files.createDirectories(homeDir.resolve("import"));

    DatabaseManagementService dbms;
    try {
      DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(homeDir);
      if (plugins != null && !plugins.isEmpty()) {
        Path pluginDir = Path.of(plugins).toAbsolutePath().normalize();
        if (!Files.isDirectory(pluginDir)) fail("plugins folder " + pluginDir + " does not exist");
        // Procedures are only discovered in the plugins folder's jars, never on the classpath.
        builder.setConfig(GraphDatabaseSettings.plugin_dir, pluginDir)
            .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("gds.*"));
      }
      dbms = builder
          .setConfig(BoltConnector.enabled, true)
          .setConfig(BoltConnector.listen_address, new SocketAddress(host, boltPort))
          .setConfig(GraphDatabaseSettings.auth_enabled, true)
          .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheBytes)
          // A local development server: no usage reports sent over the network.
          .setConfig(GraphDatabaseSettings.udc_enabled, false)
          // LOAD CSV runs even in a read transaction: file URLs reach only <home>/import, and
          // no address is reachable over the network (every IPv4 and IPv6 address blocked).
          .setConfig(GraphDatabaseSettings.load_csv_file_url_root, importDir)
          .setConfig(GraphDatabaseInternalSettings.cypher_ip_blocklist,
              List.of(new IPAddressString("0.0.0.0/0"), new IPAddressString("::/0")))
          // Netty's default graceful shutdown idles for seconds after the last connection; a
          // stopped database has nothing left to drain, so stop promptly.
          .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
          .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5))
          .build();
    } catch (RuntimeException e) {
      System.err.println("papergraph-neo4j: failed to start: " + rootMessage(e));
      System.exit(2);
      return;
    }

    CountDownLatch stopped = new CountDownLatch(1);
    // Runs on SIGTERM/SIGINT: flushes and closes the stores so the next start needs no recovery.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        dbms.shutdown();
      } finally {
        stopped.countDown();
      }
    }, "papergraph-neo4j-shutdown"));

    long t0 = System.nanoTime();
    try {
      // The user store lives in the system database; the password travels as a parameter.
      GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
      system.executeTransactionally(
          "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
    } catch (RuntimeException e) {
      // A restart with the password already set is fine; anything else is not.
      if (!String.valueOf(rootMessage(e)).contains("Old password and new password cannot be the same")) {
        System.err.println("papergraph-neo4j: could not set the password of user neo4j: " + rootMessage(e));
        System.exit(2); // the shutdown hook closes the DBMS
      }
    }
    System.err.printf("papergraph-neo4j: started; password checked in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    String uriHost = host.contains(":") ? "[" + host + "]" : host;
    System.out.println(READY + "bolt://" + uriHost + ":" + boltPort);
    System.out.flush();
    stopped.await();
  }

  /** The first line of standard input, or null when there is none. */
  private static String readPassword() throws java.io.IOException {
    java.io.BufferedReader in = new java.io.BufferedReader(
        new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8));
    String line = in.readLine();
    return line == null ? null : line.replaceAll("\r$", "");
  }

  private static String require(String flag, String value) {
    if (value == null) fail(flag + " needs a value");
    return value;
  }

  private static int parsePort(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port > 0 && port < 65536) return port;
    } catch (NumberFormatException ignored) {
      // reported below
    }
    fail("invalid port " + text + "; expecting 1-65535");
    return -1;
  }

  /** "512m", "1g", "65536k" or plain bytes. */
  private static long parseSize(String text) {
    String t = text.trim().toLowerCase();
    long unit = 1;
    if (t.endsWith("k")) unit = 1L << 10;
    else if (t.endsWith("m")) unit = 1L << 20;
    else if (t.endsWith("g")) unit = 1L << 30;
    if (unit != 1) t = t.substring(0, t.length() - 1);
    try {
      long n = Long.parseLong(t);
      if (n > 0) return n * unit;
    } catch (NumberFormatException ignored) {
      // reported below
    }
    fail("invalid size " + text + "; expecting e.g. 512m or 1g");
    return -1;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
  }

  private static void fail(String message) {
    System.err.println("papergraph-neo4j: " + message);
    System.exit(1);
  }
}
