package dev.eddy.embedded;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.plugin.DefaultPluginManager;
import org.apache.flink.core.plugin.DirectoryBasedPluginFinder;
import org.apache.flink.core.plugin.PluginConfig;

/**
 * Flink's file systems in Eddy's own JVM: with the cluster's S3 plugin and keys, Eddy reads the
 * checkpoints and savepoints where the cluster keeps them (whether a restore point is still there).
 */
final class StateFileSystems {
    private StateFileSystems() {}

    /** Makes {@code s3://} paths of this store readable here; the plugin keeps its AWS classes to itself. */
    static void reachObjectStorage(ObjectStorage storage, Path pluginsDir) throws IOException {
        Configuration conf = Configuration.fromMap(storage.flinkSettings());
        DefaultPluginManager plugins = new DefaultPluginManager(new DirectoryBasedPluginFinder(pluginsDir).findPlugins(),
                PluginConfig.fromConfiguration(conf).getAlwaysParentFirstPatterns());
        FileSystem.initialize(conf, plugins);
    }
}
