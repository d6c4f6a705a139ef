package dev.eddy.integration;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A listening fake PostgreSQL server that asks every client for its password in clear text and
 * keeps what it hears: where a stored password must never go.
 */
final class PasswordCatcher implements AutoCloseable {
    private static final int SSL_REQUEST = 80877103;
    private static final int GSS_REQUEST = 80877104;
    private final ServerSocket server;
    private final ByteArrayOutputStream heard = new ByteArrayOutputStream();
    private final Thread accepting;

    PasswordCatcher() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        accepting = new Thread(this::accept, "password-catcher");
        accepting.setDaemon(true);
        accepting.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Everything clients sent, as text. */
    synchronized String heard() {
        return heard.toString(StandardCharsets.ISO_8859_1);
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                client.setSoTimeout(5000);
                serve(new DataInputStream(client.getInputStream()), new DataOutputStream(client.getOutputStream()));
            } catch (IOException e) {
                // The client went away or the catcher closed: wait for the next one.
            }
        }
    }

    private void serve(DataInputStream in, DataOutputStream out) throws IOException {
        while (true) {
            int length = in.readInt();
            int code = in.readInt();
            byte[] rest = in.readNBytes(length - 8);
            record(rest);
            if (code == SSL_REQUEST || code == GSS_REQUEST) {
                out.writeByte('N');
                out.flush();
                continue;
            }
            break;
        }
        // AuthenticationCleartextPassword: the client answers with its password as is.
        out.writeByte('R');
        out.writeInt(8);
        out.writeInt(3);
        out.flush();
        byte type = in.readByte();
        int length = in.readInt();
        byte[] password = in.readNBytes(length - 4);
        synchronized (this) {
            heard.write(type);
        }
        record(password);
    }

    private synchronized void record(byte[] bytes) {
        heard.writeBytes(bytes);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
