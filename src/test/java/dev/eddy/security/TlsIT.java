package dev.eddy.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.support.WholeEddy;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The console served over HTTPS from a keystore, as docs/configuration.md says to set it up. */
class TlsIT {

    @Test
    void theConsoleIsServedOverTlsWithTheKeystoresCertificate() throws Exception {
        Path dir = Files.createDirectories(Path.of("target/it-tls/" + UUID.randomUUID()));
        Path keystore = dir.resolve("eddy.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "eddy", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "tls-test-pass", "-keypass", "tls-test-pass")
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

        try (ConfigurableApplicationContext eddy = WholeEddy.embedded(dir.resolve("data"),
                "server.ssl.key-store=" + keystore.toAbsolutePath(), "server.ssl.key-store-password=tls-test-pass",
                "server.ssl.key-store-type=PKCS12", "eddy.admin-password=tls-admin-password")) {
            int port = Integer.parseInt(eddy.getEnvironment().getProperty("local.server.port"));
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                trusted.load(in, "tls-test-pass".toCharArray());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();

            HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/login"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(200);
            X509Certificate served = (X509Certificate) login.sslSession().orElseThrow().getPeerCertificates()[0];
            assertThat(served.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");

            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/jobs"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as("a page needs a login over TLS too").isEqualTo(302);
            assertThat(page.headers().firstValue("location").orElse("")).endsWith("/login");

            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            try {
                HttpResponse<String> refused = plain.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/login")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).as("plain HTTP gets no page").isEqualTo(400);
            } catch (java.io.IOException expected) {
                // Also fine: the TLS port does not speak plain HTTP at all.
            }
        }
    }
}
