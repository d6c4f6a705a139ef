package dev.eddy.observe.alert;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Properties;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Sends an alert message as a plain-text email through the channel's SMTP server. */
final class EmailSender {
    static final int TIMEOUT_MILLIS = 10_000;

    private EmailSender() {}

    /** @throws AlertException in words when the server cannot be reached or does not take the message */
    static void send(AlertChannel channel, String password, AlertMessage message) {
        String where = channel.setting(AlertChannel.HOST) + ":" + channel.setting(AlertChannel.PORT);
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost(channel.setting(AlertChannel.HOST));
        mail.setPort(Integer.parseInt(channel.setting(AlertChannel.PORT)));
        mail.setDefaultEncoding("UTF-8");
        Properties p = mail.getJavaMailProperties();
        String user = channel.setting(AlertChannel.USERNAME);
        if (!user.isEmpty()) {
            mail.setUsername(user);
            mail.setPassword(password == null ? "" : password);
            p.put("mail.smtp.auth", "true");
        }
        p.put("mail.smtp.connectiontimeout", String.valueOf(TIMEOUT_MILLIS));
        p.put("mail.smtp.timeout", String.valueOf(TIMEOUT_MILLIS));
        p.put("mail.smtp.writetimeout", String.valueOf(TIMEOUT_MILLIS));
        switch (security(channel)) {
            case STARTTLS -> {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case TLS -> {
                p.put("mail.smtp.ssl.enable", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case NONE -> { }
        }
        SimpleMailMessage email = new SimpleMailMessage();
        email.setFrom(channel.setting(AlertChannel.FROM));
        email.setTo(java.util.Arrays.stream(channel.setting(AlertChannel.TO).split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toArray(String[]::new));
        email.setSubject("Eddy " + message.headline());
        email.setText(message.body());
        try {
            mail.send(email);
        } catch (MailAuthenticationException e) {
            throw new AlertException("The SMTP server at " + where + " refused the user name or password of channel "
                    + channel.name() + ": check them on the Alerts page");
        } catch (MailException e) {
            throw new AlertException(why(e, where, channel));
        }
    }

    static ChannelDraft.Security security(AlertChannel channel) {
        String s = channel.setting(AlertChannel.SECURITY);
        return s.isEmpty() ? ChannelDraft.Security.STARTTLS : ChannelDraft.Security.valueOf(s);
    }

    private static String why(MailException e, String where, AlertChannel channel) {
        Throwable deepest = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            deepest = t;
            if (t instanceof ConnectException) {
                return "Nothing listens at " + where + " (connection refused): check the SMTP server's host and port";
            }
            if (t instanceof SocketTimeoutException) {
                return "No answer from the SMTP server at " + where + " within " + TIMEOUT_MILLIS / 1000
                        + " s: check the host and port, and that Eddy's machine may reach it";
            }
            if (t instanceof UnknownHostException) {
                return "The host name " + channel.setting(AlertChannel.HOST) + " is not known: check the SMTP server's host";
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return "The TLS connection to " + where + " failed (" + t.getMessage() + "): check the security "
                        + "setting (port 465 usually takes TLS, 587 STARTTLS) and that the server's certificate is trusted";
            }
            if (t instanceof jakarta.mail.SendFailedException sent && sent.getInvalidAddresses() != null
                    && sent.getInvalidAddresses().length > 0) {
                return "The SMTP server at " + where + " refused the recipients "
                        + java.util.Arrays.toString(sent.getInvalidAddresses()) + ": check the addresses";
            }
        }
        String detail = deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage().strip();
        if (detail.contains("STARTTLS")) {
            return "The SMTP server at " + where + " does not offer STARTTLS: choose security NONE or TLS to match it";
        }
        return "The SMTP server at " + where + " did not take the message: " + detail;
    }
}
