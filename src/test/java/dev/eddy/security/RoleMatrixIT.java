package dev.eddy.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnitAccess;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.eddy.integration.IntegrationDraft;
import dev.eddy.integration.IntegrationService;
import dev.eddy.job.JobService;
import dev.eddy.query.QueryService;
import dev.eddy.support.EddyIntegrationTest;
import dev.eddy.table.TableService;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Every service method a view or an API route calls, as every role: refused below its rule, before
 * any work is done; a method a view or a route calls without a rule fails here.
 */
@EddyIntegrationTest
class RoleMatrixIT {
    private static List<Method> entryPoints;

    @Autowired
    ApplicationContext context;

    @BeforeAll
    static void findEntryPoints() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.eddy");
        Map<String, Method> found = new TreeMap<>();
        for (JavaClass view : classes) {
            // The entry layers: views, and the HTTP routes of the API.
            if (!view.getPackageName().startsWith("dev.eddy.ui")
                    && !view.isAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)) {
                continue;
            }
            for (JavaAccess<?> access : view.getAccessesFromSelf()) {
                if (access instanceof JavaCodeUnitAccess<?> call && call.getTarget().getOwner().getPackageName().startsWith("dev.eddy")
                        && !call.getTarget().getOwner().getPackageName().startsWith("dev.eddy.ui")) {
                    call.getTarget().resolveMember().filter(JavaMethod.class::isInstance).map(JavaMethod.class::cast)
                            .filter(m -> m.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC))
                            .ifPresent(m -> found.put(m.getFullName(), m.reflect()));
                }
            }
        }
        entryPoints = new ArrayList<>(found.values());
    }

    private List<Method> serviceEntryPoints() {
        // A static method cannot be guarded by a proxy: services keep only pure helpers static.
        return entryPoints.stream().filter(m -> !java.lang.reflect.Modifier.isStatic(m.getModifiers()))
                .filter(m -> context.getBeanNamesForType(m.getDeclaringClass()).length > 0)
                .sorted(Comparator.comparing(Method::toString)).toList();
    }

    @Test
    void everyServiceMethodAViewCallsHasARule() {
        List<String> missing = serviceEntryPoints().stream()
                .filter(m -> m.getAnnotation(Requires.class) == null && m.getAnnotation(Unauthenticated.class) == null)
                .map(m -> m.getDeclaringClass().getSimpleName() + "." + m.getName()).distinct().toList();
        assertThat(missing).as("service methods views call without @Requires or @Unauthenticated").isEmpty();
        assertThat(serviceEntryPoints()).as("entry points found").hasSizeGreaterThan(40);
        assertThat(entryPoints.stream().filter(m -> java.lang.reflect.Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getAnnotation(Requires.class) != null).toList())
                .as("static methods cannot be guarded: a rule on one would be a false promise").isEmpty();
    }

    @Test
    void everyRoleBelowTheRuleIsRefusedBeforeTheMethodRuns() throws Exception {
        List<String> notRefused = new ArrayList<>();
        int refusals = 0;
        for (Method method : serviceEntryPoints()) {
            Requires rule = method.getAnnotation(Requires.class);
            if (rule == null) {
                continue;
            }
            Object bean = context.getBean(method.getDeclaringClass());
            assertThat(AopUtils.isAopProxy(bean)).as(method.getDeclaringClass() + " is guarded by a proxy").isTrue();
            for (Role role : Role.values()) {
                if (role.includes(rule.value())) {
                    continue;
                }
                signIn(role);
                try {
                    method.invoke(bean, defaultArguments(method));
                    notRefused.add(method + " as " + role);
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof AccessRefusedException refused) {
                        assertThat(refused.getMessage()).contains("needs the " + rule.value().label() + " role");
                        refusals++;
                    } else {
                        notRefused.add(method + " as " + role + ": " + e.getCause());
                    }
                } finally {
                    SecurityContextHolder.clearContext();
                }
            }
        }
        assertThat(notRefused).isEmpty();
        assertThat(refusals).isGreaterThan(25);
    }

    @Test
    void nobodySignedInIsRefusedEverywhereButTheFirstRunSetup() throws Exception {
        SecurityContextHolder.clearContext();
        for (Method method : serviceEntryPoints()) {
            if (method.getAnnotation(Requires.class) == null) {
                continue;
            }
            try {
                method.invoke(context.getBean(method.getDeclaringClass()), defaultArguments(method));
                fail(method + " ran for nobody");
            } catch (InvocationTargetException e) {
                assertThat(e.getCause()).as(method.toString()).isInstanceOf(AccessRefusedException.class)
                        .hasMessageContaining("not signed in");
            }
        }
    }

    /** The matrix as the issue states it, for the calls that matter most. */
    @Test
    void theRolesMeanWhatTheIssueSays() throws Exception {
        assertRule(QueryService.class, "openConsole", Role.VIEWER);
        assertRule(JobService.class, "deploy", Role.DEVELOPER);
        assertRule(JobService.class, "stop", Role.DEVELOPER);
        assertRule(JobService.class, "list", Role.VIEWER);
        assertRule(TableService.class, "list", Role.VIEWER);
        assertRule(TableService.class, "create", Role.DEVELOPER);
        assertRule(TableService.class, "drop", Role.DEVELOPER);
        assertRule(IntegrationService.class, "list", Role.VIEWER);
        assertRule(IntegrationService.class, "save", Role.ADMIN);
        assertRule(dev.eddy.clustersettings.ClusterSettingsService.class, "apply", Role.ADMIN);
        assertRule(dev.eddy.clustersettings.ClusterSettingsService.class, "preview", Role.ADMIN);
        assertRule(dev.eddy.clustersettings.ClusterSettingsService.class, "versions", Role.VIEWER);
        assertRule(IntegrationService.class, "delete", Role.ADMIN);
        assertRule(UserService.class, "add", Role.ADMIN);
        assertRule(UserService.class, "setRole", Role.ADMIN);
        assertRule(UserService.class, "changeOwnPassword", Role.VIEWER);
        assertRule(IntegrationService.class, "setDevelopersReadOnly", Role.ADMIN);
        assertRule(dev.eddy.api.SqlClientGateway.class, "forward", Role.DEVELOPER);
        assertRule(ApiTokenService.class, "create", Role.VIEWER);
        assertRule(dev.eddy.observe.alert.AlertService.class, "history", Role.VIEWER);
        assertRule(dev.eddy.observe.alert.AlertService.class, "saveRule", Role.ADMIN);
        assertRule(dev.eddy.observe.alert.AlertService.class, "saveChannel", Role.ADMIN);
        assertRule(dev.eddy.observe.alert.AlertService.class, "sendTest", Role.ADMIN);
        assertRule(dev.eddy.observe.alert.AlertService.class, "silence", Role.ADMIN);
        assertThat(IntegrationService.class.getMethod("save", IntegrationDraft.class).getAnnotation(Requires.class).value())
                .isEqualTo(Role.ADMIN);
    }

    @Test
    void aViewerCannotRunAStatementInAConsole() {
        signIn(Role.VIEWER);
        try {
            var console = context.getBean(QueryService.class).openConsole("matrix");
            assertThatThrownBy(() -> console.run("SELECT 1", new dev.eddy.support.RecordingListener()))
                    .isInstanceOf(AccessRefusedException.class)
                    .hasMessageContaining("Running statements needs the developer role");
            console.close();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static void assertRule(Class<?> type, String name, Role role) {
        List<Method> methods = java.util.Arrays.stream(type.getMethods()).filter(m -> m.getName().equals(name)).toList();
        assertThat(methods).as(type.getSimpleName() + "." + name).isNotEmpty();
        for (Method m : methods) {
            assertThat(m.getAnnotation(Requires.class)).as(m.toString()).isNotNull();
            assertThat(m.getAnnotation(Requires.class).value()).as(m.toString()).isEqualTo(role);
        }
    }

    static void signIn(Role role) {
        var auth = new TestingAuthenticationToken("matrix-" + role.label(), "n/a", role.authority());
        auth.setAuthenticated(true);
        SecurityContextHolder.getContext().setAuthentication(auth);
    }

    private static final Map<Class<?>, Object> ZEROS = Map.of(boolean.class, false, long.class, 0L, int.class, 0,
            double.class, 0d, float.class, 0f, short.class, (short) 0, byte.class, (byte) 0, char.class, 'x');

    private static Object[] defaultArguments(Method method) {
        Class<?>[] types = method.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            Class<?> t = types[i];
            args[i] = t.isPrimitive() ? ZEROS.get(t) : null;
        }
        return args;
    }
}
