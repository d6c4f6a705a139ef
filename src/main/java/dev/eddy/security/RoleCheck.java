package dev.eddy.security;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.Set;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Checks {@link Requires} before a service entry point runs, and writes the audit log: every
 * refusal, and the outcome of every call whose rule names an action.
 */
final class RoleCheck implements MethodInterceptor {
    /** Parameters that say what a call acts on; never a password or a statement's text. */
    private static final Set<String> TARGETS = Set.of("name", "id", "username", "integration", "draft", "table", "topic");
    private final ObjectProvider<AuditLog> audit;

    RoleCheck(ObjectProvider<AuditLog> audit) {
        this.audit = audit;
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Method method = invocation.getMethod();
        Requires rule = ruleOf(method, invocation.getThis() == null ? null : invocation.getThis().getClass());
        if (rule == null) {
            return invocation.proceed();
        }
        String action = rule.action().isBlank() ? null : rule.action();
        try {
            Access.require(rule.value(), rule.action());
        } catch (AccessRefusedException refused) {
            audit.ifAvailable(a -> a.record(action != null ? action : describe(method),
                    target(method, invocation.getArguments()), AuditEntry.Outcome.REFUSED, refused.getMessage()));
            throw refused;
        }
        if (action == null || !rule.audited()) {
            return invocation.proceed();
        }
        try {
            Object result = invocation.proceed();
            audit.ifAvailable(a -> a.record(action, target(method, invocation.getArguments()), AuditEntry.Outcome.OK, null));
            return result;
        } catch (AccessRefusedException refused) {
            audit.ifAvailable(a -> a.record(action, target(method, invocation.getArguments()), AuditEntry.Outcome.REFUSED,
                    refused.getMessage()));
            throw refused;
        } catch (RuntimeException failed) {
            audit.ifAvailable(a -> a.record(action, target(method, invocation.getArguments()), AuditEntry.Outcome.FAILED,
                    failed.getMessage()));
            throw failed;
        }
    }

    static Requires ruleOf(Method method, Class<?> target) {
        Method specific = target == null ? method : AopUtils.getMostSpecificMethod(method, target);
        return AnnotatedElementUtils.findMergedAnnotation(specific, Requires.class);
    }

    private static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName().replace("$$SpringCGLIB$$0", "") + "." + method.getName();
    }

    /** What the call acts on: a name or id argument, or a draft's name. */
    static String target(Method method, Object[] args) {
        Parameter[] params = method.getParameters();
        for (int i = 0; i < params.length && i < args.length; i++) {
            Object arg = args[i];
            if (arg == null || !TARGETS.contains(params[i].getName())) {
                continue;
            }
            if (arg instanceof Record record) {
                for (RecordComponent c : record.getClass().getRecordComponents()) {
                    if (c.getName().equals("name")) {
                        try {
                            return String.valueOf(c.getAccessor().invoke(record));
                        } catch (ReflectiveOperationException e) {
                            return null;
                        }
                    }
                }
                return null;
            }
            return String.valueOf(arg);
        }
        return null;
    }
}
