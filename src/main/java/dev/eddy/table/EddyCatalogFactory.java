package dev.eddy.table;

import dev.eddy.security.SecretCipher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Catalog;
import org.apache.flink.table.factories.CatalogFactory;
import org.apache.flink.table.factories.FactoryUtil;

/**
 * {@code CREATE CATALOG eddy WITH ('type' = 'eddy')} on a Flink gateway or SQL Client that has the
 * catalog jar in its {@code lib/}: Eddy's tables, read from Eddy's store, connections filled in from
 * Eddy's integrations. Each setting may come from the statement or, better for the secrets, from
 * the same environment variable Eddy itself reads.
 */
public class EddyCatalogFactory implements CatalogFactory {
    static final ConfigOption<String> STORE_URL = ConfigOptions.key("store.url").stringType().noDefaultValue()
            .withDescription("JDBC URL of Eddy's store (env EDDY_STORE_URL)");
    static final ConfigOption<String> STORE_USERNAME = ConfigOptions.key("store.username").stringType()
            .noDefaultValue().withDescription("its user (env EDDY_STORE_USERNAME, default eddy)");
    static final ConfigOption<String> STORE_PASSWORD = ConfigOptions.key("store.password").stringType()
            .noDefaultValue().withDescription("its password (env EDDY_STORE_PASSWORD)");
    static final ConfigOption<String> SECRET_KEY = ConfigOptions.key("secret-key").stringType().noDefaultValue()
            .withDescription("Eddy's secret key, base64 (env EDDY_SECURITY_SECRET_KEY)");
    static final ConfigOption<String> SECRET_KEY_FILE = ConfigOptions.key("secret-key-file").stringType()
            .noDefaultValue().withDescription("a file holding Eddy's secret key (env EDDY_SECURITY_SECRET_KEY_FILE)");
    static final ConfigOption<String> FUNCTION_JAR_DIR = ConfigOptions.key("function-jar-dir").stringType()
            .noDefaultValue().withDescription("where the JARs of function libraries are written for this process "
                    + "(default: eddy-function-jars-<user> in the temporary directory)");

    private final Map<String, String> environment;

    public EddyCatalogFactory() {
        this(System.getenv());
    }

    EddyCatalogFactory(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public String factoryIdentifier() {
        return EddyCatalog.NAME;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of();
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(STORE_URL, STORE_USERNAME, STORE_PASSWORD, SECRET_KEY, SECRET_KEY_FILE, FUNCTION_JAR_DIR);
    }

    @Override
    public Catalog createCatalog(Context context) {
        FactoryUtil.CatalogFactoryHelper helper = FactoryUtil.createCatalogFactoryHelper(this, context);
        helper.validate();
        var options = helper.getOptions();
        String url = setting(options.getOptional(STORE_URL), "EDDY_STORE_URL").orElseThrow(() -> missing(
                "the address of Eddy's store", STORE_URL, "EDDY_STORE_URL", "e.g. jdbc:postgresql://db:5432/eddy"));
        DataSource store = dataSource(url, setting(options.getOptional(STORE_USERNAME), "EDDY_STORE_USERNAME")
                .orElse("eddy"), setting(options.getOptional(STORE_PASSWORD), "EDDY_STORE_PASSWORD").orElse(""));
        TableConnections connections = new TableConnections(new StoreIntegrations(store, cipher(options)));
        FunctionJars jars = options.getOptional(FUNCTION_JAR_DIR).map(dir -> new FunctionJars(Path.of(dir)))
                .orElseGet(FunctionJars::inTemporaryDirectory);
        return new EddyCatalog(context.getName(), new CatalogRepository(store), connections, jars);
    }

    private SecretCipher cipher(org.apache.flink.configuration.ReadableConfig options) {
        Optional<String> key = setting(options.getOptional(SECRET_KEY), "EDDY_SECURITY_SECRET_KEY",
                "EDDY_SECURITY_SECRETKEY");
        if (key.isPresent()) {
            return fromBase64(key.get(), "secret-key (or EDDY_SECURITY_SECRET_KEY)");
        }
        Path file = Path.of(setting(options.getOptional(SECRET_KEY_FILE), "EDDY_SECURITY_SECRET_KEY_FILE",
                "EDDY_SECURITY_SECRETKEYFILE")
                .orElseThrow(() -> missing("Eddy's secret key, which decrypts the integrations' passwords", SECRET_KEY,
                        "EDDY_SECURITY_SECRET_KEY", "the value of Eddy's eddy.security.secret-key, or of its "
                                + "data/secret.key file (or set secret-key-file to a copy of that file)")));
        try {
            return fromBase64(Files.readString(file), "the secret key file " + file);
        } catch (IOException e) {
            throw new ValidationException("Eddy's catalog cannot read the secret key file " + file + ": " + e);
        }
    }

    private static SecretCipher fromBase64(String key, String where) {
        try {
            return SecretCipher.fromBase64(key, where);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("Eddy's catalog: " + e.getMessage());
        }
    }

    /**
     * The option, else the environment variable as Eddy reads it: Spring drops a setting's dashes
     * ({@code EDDY_SECURITY_SECRETKEY}) and also accepts them as underscores ({@code EDDY_SECURITY_SECRET_KEY}).
     */
    private Optional<String> setting(Optional<String> option, String... variables) {
        return option.filter(v -> !v.isBlank()).or(() -> Arrays.stream(variables).map(environment::get)
                .filter(v -> v != null && !v.isBlank()).findFirst());
    }

    private static ValidationException missing(String what, ConfigOption<String> option, String variable,
            String example) {
        return new ValidationException("Eddy's catalog needs " + what + ": set the environment variable " + variable
                + " for this Flink process, or '" + option.key() + "' in CREATE CATALOG (" + example + ")");
    }

    private static DataSource dataSource(String url, String user, String password) {
        try {
            Class.forName("org.postgresql.Driver");
        } catch (ClassNotFoundException e) {
            throw new ValidationException("Eddy's catalog reads Eddy's store with the PostgreSQL JDBC driver, which "
                    + "this Flink process does not have: put postgresql-<version>.jar in its lib/ folder beside "
                    + "the catalog jar");
        }
        return Postgres.dataSource(url, user, password);
    }

    /** Touches the driver's classes only once it is known to be there. */
    private static final class Postgres {
        static DataSource dataSource(String url, String user, String password) {
            var ds = new org.postgresql.ds.PGSimpleDataSource();
            ds.setURL(url);
            ds.setUser(user);
            ds.setPassword(password);
            ds.setConnectTimeout(10);
            return ds;
        }
    }
}
