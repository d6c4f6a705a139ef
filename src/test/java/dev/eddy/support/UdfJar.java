package dev.eddy.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A real JAR of user-defined functions, compiled by the test from the sources below against Flink's
 * jars, as a team would build theirs: a scalar, a table and an aggregate function, plus classes that
 * are not functions, and a scalar that divides (and fails on zero). Version 2 changes the scalar function's signature.
 */
public final class UdfJar {
    private static final String SHOUT_V1 = """
            package dev.eddy.udf;

            public class Shout extends org.apache.flink.table.functions.ScalarFunction {
                public String eval(String s) {
                    return s == null ? null : s.toUpperCase() + "!";
                }
            }
            """;
    private static final String SHOUT_V2 = """
            package dev.eddy.udf;

            public class Shout extends org.apache.flink.table.functions.ScalarFunction {
                public String eval(String s, Integer times) {
                    return s == null ? null : s.toUpperCase() + "!".repeat(times == null ? 1 : times);
                }
            }
            """;
    private static final Map<String, String> COMMON = Map.of(
            "dev/eddy/udf/SplitWords.java", """
            package dev.eddy.udf;

            public class SplitWords extends org.apache.flink.table.functions.TableFunction<String> {
                public void eval(String s) {
                    if (s != null) {
                        for (String word : s.split(" ")) {
                            collect(word);
                        }
                    }
                }
            }
            """,
            "dev/eddy/udf/LongestLength.java", """
            package dev.eddy.udf;

            public class LongestLength extends org.apache.flink.table.functions.AggregateFunction<Integer, LongestLength.Longest> {
                public static class Longest {
                    public int length;
                }

                @Override
                public Longest createAccumulator() {
                    return new Longest();
                }

                @Override
                public Integer getValue(Longest acc) {
                    return acc.length;
                }

                public void accumulate(Longest acc, String s) {
                    if (s != null) {
                        acc.length = Math.max(acc.length, s.length());
                    }
                }
            }
            """,
            "dev/eddy/udf/Ratio.java", """
            package dev.eddy.udf;

            /** Throws inside (division by zero): how Eddy names a function that fails. */
            public class Ratio extends org.apache.flink.table.functions.ScalarFunction {
                public Integer eval(Integer a, Integer b) {
                    return a / b;
                }
            }
            """,
            "dev/eddy/udf/Texts.java", """
            package dev.eddy.udf;

            /** A helper, not a function. */
            public final class Texts {
                private Texts() {}

                public static String trim(String s) {
                    return s == null ? null : s.strip();
                }
            }
            """,
            "dev/eddy/udf/BaseFunction.java", """
            package dev.eddy.udf;

            /** Abstract: Flink cannot make it, so it is not listed. */
            public abstract class BaseFunction extends org.apache.flink.table.functions.ScalarFunction {
            }
            """);

    private UdfJar() {}

    public static byte[] version1() {
        return build(SHOUT_V1);
    }

    public static byte[] version2() {
        return build(SHOUT_V2);
    }

    private static byte[] build(String shout) {
        try {
            Path dir = Files.createTempDirectory("eddy-udf");
            Path src = dir.resolve("src");
            Path classes = Files.createDirectories(dir.resolve("classes"));
            List<String> files = new ArrayList<>();
            java.util.Map<String, String> all = new java.util.HashMap<>(COMMON);
            all.put("dev/eddy/udf/Shout.java", shout);
            for (var e : all.entrySet()) {
                Path file = src.resolve(e.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue());
                files.add(file.toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--release", "17", "-classpath",
                    flinkClassPath(), "-proc:none"));
            args.addAll(files);
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            if (javac.run(null, null, errors, args.toArray(String[]::new)) != 0) {
                throw new IllegalStateException("The UDF sources did not compile:\n" + errors.toString(StandardCharsets.UTF_8));
            }
            ByteArrayOutputStream jar = new ByteArrayOutputStream();
            try (JarOutputStream out = new JarOutputStream(jar); Stream<Path> walk = Files.walk(classes)) {
                for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                    out.write(Files.readAllBytes(p));
                    out.closeEntry();
                }
            }
            return jar.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flink's jars the functions compile against, found where the test's own classes come from. */
    private static String flinkClassPath() {
        List<String> jars = new ArrayList<>();
        for (Class<?> c : List.of(org.apache.flink.table.functions.ScalarFunction.class, org.apache.flink.types.Row.class,
                org.apache.flink.annotation.PublicEvolving.class)) {
            try {
                jars.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(java.io.File.pathSeparator, jars);
    }
}
