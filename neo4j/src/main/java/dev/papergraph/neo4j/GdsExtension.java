package dev.papergraph.neo4j;

import java.util.Optional;
import org.neo4j.configuration.Config;
import org.neo4j.gds.applications.operations.FeatureTogglesRepository;
import org.neo4j.gds.core.model.OpenModelCatalog;
import org.neo4j.gds.core.write.NativeExportBuildersProvider;
import org.neo4j.gds.metrics.Metrics;
import org.neo4j.gds.procedures.integration.DefaultExportLocation;
import org.neo4j.gds.procedures.integration.LogAccessor;
import org.neo4j.gds.procedures.integration.OpenGraphDataScienceExtensionBuilder;
import org.neo4j.kernel.api.procedure.GlobalProcedures;
import org.neo4j.kernel.extension.ExtensionFactory;
import org.neo4j.kernel.extension.context.ExtensionContext;
import org.neo4j.kernel.lifecycle.Lifecycle;
import org.neo4j.kernel.lifecycle.LifecycleAdapter;
import org.neo4j.logging.internal.LogService;

/**
 * Graph Data Science wiring for the local server
 * ==============================================
 *
 * The GDS jars on Maven Central hold the procedures and the builder of the components they
 * inject ({@code GraphDataScienceProcedures} and friends), but not the small kernel extension
 * of the packaged plugin that calls that builder. This is that extension, configured as the
 * open-source edition: native writes only, no metrics, models kept in memory and never stored.
 *
 * Registered through {@code META-INF/services}; when the GDS jars are not on the classpath (the
 * launcher without {@code --plugins}) it does nothing.
 */
public final class GdsExtension extends ExtensionFactory<GdsExtension.Dependencies> {
  /** What the kernel injects. */
  public interface Dependencies {
    Config config();

    GlobalProcedures globalProcedures();

    LogService logService();
  }

  public GdsExtension() {
    super("papergraph-gds");
  }

  @Override
  public Lifecycle newInstance(ExtensionContext context, Dependencies dependencies) {
    if (!gdsPresent()) return new LifecycleAdapter();
    return Wiring.build(dependencies);
  }

  private static boolean gdsPresent() {
    try {
      Class.forName(
          "org.neo4j.gds.procedures.integration.OpenGraphDataScienceExtensionBuilder",
          false,
          GdsExtension.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** Kept apart so that GDS types are only linked when GDS is present. */
  private static final class Wiring {
    static Lifecycle build(Dependencies dependencies) {
      var log = new LogAccessor().getLog(dependencies.logService(), GdsExtension.class);
      var config = dependencies.config();
      var built = OpenGraphDataScienceExtensionBuilder.create(
          log,
          dependencies.globalProcedures(),
          config,
          (database, configuration) -> new NativeExportBuildersProvider(),
          new DefaultExportLocation(log, config),
          new FeatureTogglesRepository(),
          Metrics.DISABLED,
          new OpenModelCatalog(),
          model -> {
            throw new UnsupportedOperationException("this server does not store GDS models");
          },
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
      return built.getLeft().build();
    }
  }
}
