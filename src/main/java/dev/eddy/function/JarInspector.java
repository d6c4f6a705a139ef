package dev.eddy.function;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Reads a JAR's class files as bytes (never loading or running a class of it in Eddy's JVM) and
 * finds the Flink functions in it: public, concrete classes with a public no-argument constructor
 * that extend one of Flink's function classes, directly or through classes of the same JAR.
 */
public final class JarInspector {
    private static final int MAX_ENTRIES = 100_000;

    private JarInspector() {}

    /** What a JAR holds: its functions, and how many classes it has. */
    public record Contents(List<FunctionSignature> functions, int classes) {}

    /** @throws FunctionLibraryException in words when the bytes are not a JAR Eddy takes */
    public static Contents inspect(byte[] jar) {
        if (jar.length < 4 || jar[0] != 'P' || jar[1] != 'K' || jar[2] != 3 || jar[3] != 4) {
            throw new FunctionLibraryException("That file is not a JAR (a JAR is a zip file of classes): build it with "
                    + "`mvn package` or `jar cf` and upload the .jar");
        }
        Map<String, ClassFacts> classes = new HashMap<>();
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (++entries > MAX_ENTRIES) {
                    throw new FunctionLibraryException("The JAR has more than " + MAX_ENTRIES + " entries: upload the "
                            + "functions' own classes, without a whole application");
                }
                String name = entry.getName();
                if (name.startsWith("/") || name.contains("\\") || name.contains("../") || name.equals("..")
                        || name.matches("^[A-Za-z]:.*")) {
                    throw new FunctionLibraryException("The JAR has an entry named '" + name + "', a path out of the JAR: "
                            + "Eddy refuses it. Build the JAR again with a standard tool");
                }
                if (name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class")) {
                    ClassFacts facts = read(zip.readAllBytes(), name);
                    if (facts != null) {
                        classes.put(facts.name, facts);
                    }
                }
            }
        } catch (IOException e) {
            throw new FunctionLibraryException("The JAR cannot be read (" + e.getMessage() + "): is the upload complete?");
        }
        if (entries == 0) {
            throw new FunctionLibraryException("That file is not a JAR (a JAR is a zip file of classes): it holds nothing");
        }
        List<FunctionSignature> functions = new ArrayList<>();
        for (ClassFacts c : classes.values()) {
            FunctionKind kind = kindOf(c, classes);
            if (kind != null && c.usable()) {
                functions.add(new FunctionSignature(c.name.replace('/', '.'), kind, signatures(c, kind, classes)));
            }
        }
        functions.sort(java.util.Comparator.comparing(FunctionSignature::className));
        return new Contents(List.copyOf(functions), classes.size());
    }

    private static FunctionKind kindOf(ClassFacts c, Map<String, ClassFacts> classes) {
        String parent = c.superName;
        for (int depth = 0; parent != null && depth < 20; depth++) {
            FunctionKind kind = FunctionKind.ofBaseClass(parent);
            if (kind != null) {
                return kind;
            }
            ClassFacts next = classes.get(parent);
            parent = next == null ? null : next.superName;
        }
        return null;
    }

    /** Each overload, "(INT, STRING) → STRING"; the result as the generic superclass names it, else "?". */
    private static List<String> signatures(ClassFacts c, FunctionKind kind, Map<String, ClassFacts> classes) {
        String method = kind == FunctionKind.AGGREGATE || kind == FunctionKind.TABLE_AGGREGATE ? "accumulate" : "eval";
        // An accumulator, or an async result's future, comes first: it is not an argument of the SQL call.
        int skip = kind == FunctionKind.SCALAR || kind == FunctionKind.TABLE ? 0 : 1;
        List<String> found = new ArrayList<>();
        for (ClassFacts at = c; at != null; at = classes.get(at.superName)) {
            for (String[] m : at.methods) {
                if (!m[0].equals(method)) {
                    continue;
                }
                Type[] args = Type.getArgumentTypes(m[1]);
                List<String> sql = new ArrayList<>();
                for (int i = skip; i < args.length; i++) {
                    sql.add(sqlType(args[i]));
                }
                String result = kind == FunctionKind.SCALAR ? sqlType(Type.getReturnType(m[1])) : resultOf(c, classes);
                String line = "(" + String.join(", ", sql) + ") → " + result;
                if (!found.contains(line)) {
                    found.add(line);
                }
            }
        }
        return List.copyOf(found);
    }

    /** The first type argument of Flink's function class in the generic superclass (TableFunction&lt;Row&gt;: ROW). */
    private static String resultOf(ClassFacts c, Map<String, ClassFacts> classes) {
        for (ClassFacts at = c; at != null; at = classes.get(at.superName)) {
            if (at.signature == null || FunctionKind.ofBaseClass(at.superName) == null) {
                continue;
            }
            int open = at.signature.indexOf(at.superName + "<");
            if (open < 0) {
                return "?";
            }
            String rest = at.signature.substring(open + at.superName.length() + 1);
            return rest.startsWith("T") ? "?" : sqlType(Type.getType(withoutGenerics(firstType(rest))));
        }
        return "?";
    }

    /** The first type of a signature's type argument list: {@code Ljava/util/List<LX;>;} up to its own ';'. */
    private static String firstType(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '<') {
                depth++;
            } else if (ch == '>') {
                depth--;
            } else if (depth == 0 && (ch == ';' || (i == 0 && "ZBCSIJFD".indexOf(ch) >= 0))) {
                return s.substring(0, i + 1);
            } else if (depth == 0 && ch == '[') {
                continue;
            }
        }
        return "Ljava/lang/Object;";
    }

    private static String withoutGenerics(String s) {
        return s.replaceAll("<[^<>]*>", "").replaceAll("<[^<>]*>", "").replaceAll("<[^<>]*>", "");
    }

    /** The SQL type Flink's type inference gives a Java type, as people read it. */
    static String sqlType(Type t) {
        if (t.getSort() == Type.ARRAY) {
            Type element = t.getElementType();
            String inner = element.getSort() == Type.BYTE && t.getDimensions() == 1 ? null : sqlType(
                    t.getDimensions() == 1 ? element : Type.getType(t.getDescriptor().substring(1)));
            return inner == null ? "BYTES" : "ARRAY<" + inner + ">";
        }
        return switch (t.getDescriptor()) {
            case "I", "Ljava/lang/Integer;" -> "INT";
            case "J", "Ljava/lang/Long;" -> "BIGINT";
            case "S", "Ljava/lang/Short;" -> "SMALLINT";
            case "B", "Ljava/lang/Byte;" -> "TINYINT";
            case "Z", "Ljava/lang/Boolean;" -> "BOOLEAN";
            case "F", "Ljava/lang/Float;" -> "FLOAT";
            case "D", "Ljava/lang/Double;" -> "DOUBLE";
            case "Ljava/lang/String;" -> "STRING";
            case "Ljava/math/BigDecimal;" -> "DECIMAL";
            case "Ljava/time/LocalDate;" -> "DATE";
            case "Ljava/time/LocalTime;" -> "TIME";
            case "Ljava/time/LocalDateTime;", "Ljava/sql/Timestamp;" -> "TIMESTAMP";
            case "Ljava/time/Instant;" -> "TIMESTAMP_LTZ";
            case "Lorg/apache/flink/types/Row;" -> "ROW";
            case "Ljava/util/Map;" -> "MAP";
            case "Ljava/lang/Object;" -> "ANY";
            case "V" -> "?";
            default -> t.getClassName().substring(t.getClassName().lastIndexOf('.') + 1);
        };
    }

    private static ClassFacts read(byte[] bytes, String entry) {
        try {
            ClassFacts facts = new ClassFacts();
            new ClassReader(bytes).accept(facts, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            return facts;
        } catch (RuntimeException e) {
            throw new FunctionLibraryException(entry + " in the JAR is not a class file Eddy can read (" + e.getMessage()
                    + "): is it compiled for Java 17 or earlier, and the JAR whole?");
        }
    }

    /** What one class file says about itself, without its code. */
    private static final class ClassFacts extends ClassVisitor {
        String name;
        String superName;
        String signature;
        int access;
        boolean publicNoArgConstructor;
        final List<String[]> methods = new ArrayList<>();

        ClassFacts() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            this.name = name;
            this.access = access;
            this.signature = signature;
            this.superName = superName;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            boolean isPublic = (access & Opcodes.ACC_PUBLIC) != 0;
            if (name.equals("<init>") && descriptor.equals("()V") && isPublic) {
                publicNoArgConstructor = true;
            } else if (isPublic && (access & Opcodes.ACC_STATIC) == 0 && (access & Opcodes.ACC_BRIDGE) == 0) {
                methods.add(new String[] {name, descriptor});
            }
            return null;
        }

        /** Flink makes it by its no-argument constructor: public, concrete, top level or static nested. */
        boolean usable() {
            return (access & Opcodes.ACC_PUBLIC) != 0 && (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_INTERFACE)) == 0
                    && publicNoArgConstructor;
        }
    }
}
