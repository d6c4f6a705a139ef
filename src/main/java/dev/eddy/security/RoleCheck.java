package dev.eddy.security;

import java.lang.reflect.Method;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;

/** Checks {@link Requires} before a service entry point runs. */
final class RoleCheck implements MethodInterceptor {

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Requires rule = ruleOf(invocation.getMethod(), invocation.getThis() == null ? null : invocation.getThis().getClass());
        if (rule != null) {
            Access.require(rule.value(), rule.action());
        }
        return invocation.proceed();
    }

    static Requires ruleOf(Method method, Class<?> target) {
        Method specific = target == null ? method : AopUtils.getMostSpecificMethod(method, target);
        return AnnotatedElementUtils.findMergedAnnotation(specific, Requires.class);
    }
}
