package dev.eddy.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Catalog;
import org.apache.flink.table.factories.FactoryUtil;
import org.junit.jupiter.api.Test;

class EddyCatalogFactoryTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void settingsComeFromTheEnvironmentEddyItselfReads() {
        Catalog catalog = create(Map.of(), Map.of("EDDY_STORE_URL", "jdbc:postgresql://db:5432/eddy",
                "EDDY_STORE_PASSWORD", "pw", "EDDY_SECURITY_SECRETKEY", KEY));
        assertThat(catalog).isInstanceOf(EddyCatalog.class);
        assertThat(((EddyCatalog) catalog).getName()).isEqualTo("shop");
        assertThat(catalog.getDefaultDatabase()).isEqualTo(EddyCatalog.DEFAULT_DATABASE);
    }

    @Test
    void aMissingStoreAddressNamesTheVariableAndTheOption() {
        assertThatThrownBy(() -> create(Map.of(), Map.of("EDDY_SECURITY_SECRET_KEY", KEY)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Eddy's catalog needs the address of Eddy's store")
                .hasMessageContaining("EDDY_STORE_URL").hasMessageContaining("'store.url'");
    }

    @Test
    void aMissingOrMalformedKeySaysWhatTheKeyIs() {
        assertThatThrownBy(() -> create(Map.of("store.url", "jdbc:postgresql://db/eddy"), Map.of()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Eddy's secret key, which decrypts the integrations' passwords")
                .hasMessageContaining("EDDY_SECURITY_SECRET_KEY");
        assertThatThrownBy(() -> create(Map.of("store.url", "jdbc:postgresql://db/eddy", "secret-key", "c2hvcnQ="),
                Map.of()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("must be the base64 of 32 random bytes");
    }

    @Test
    void anOptionThatIsNoneOfItsOwnIsRefused() {
        assertThatThrownBy(() -> create(Map.of("store.uri", "jdbc:postgresql://db/eddy"), Map.of()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("store.uri");
    }

    private static Catalog create(Map<String, String> options, Map<String, String> environment) {
        // As FactoryUtil.createCatalog passes them: without 'type', which chose the factory.
        return new EddyCatalogFactory(environment).createCatalog(new FactoryUtil.DefaultCatalogContext("shop", options,
                new Configuration(), EddyCatalogFactoryTest.class.getClassLoader()));
    }
}
