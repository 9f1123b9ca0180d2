package io.tidings.campaigns.campaigns;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Expression;
import io.quarkus.qute.IfSectionHelper;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import java.util.List;
import java.util.Set;

/**
 * Checks a campaign's subject and bodies as Qute templates at creation: they may use only the merge fields
 * {@code {contact.firstName}}, {@code {contact.lastName}}, {@code {contact.email}} and
 * {@code {contact.fields.<name>}} (optionally with a literal default, {@code ?: 'friend'}), and {@code {#if}}.
 * The engine is parse-only: it has no value resolvers at all, so nothing reflective is reachable.
 */
public final class MergeFieldTemplates {
    private static final Set<String> CONTACT_PROPERTIES = Set.of("firstName", "lastName", "email");
    private static final Set<String> DEFAULT_METHODS = Set.of("or", "?:");
    private static final Engine ENGINE = Engine.builder().addSectionHelper(new IfSectionHelper.Factory()).build();

    private MergeFieldTemplates() {
    }

    /** What is wrong with the template, or null when it is fine. */
    public static String problem(String field, String template) {
        Template parsed;
        try {
            parsed = ENGINE.parse(template, null, field);
        } catch (TemplateException e) {
            return "has a template syntax error: " + describe(e);
        }
        if (!parsed.getParameterDeclarations().isEmpty()) {
            return "must not declare template parameters";
        }
        for (Expression expression : parsed.getExpressions()) {
            String problem = mergeFieldProblem(expression);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String mergeFieldProblem(Expression expression) {
        if (expression.isLiteral()) {
            return null;
        }
        String text = "{" + expression.toOriginalString() + "}";
        if (expression.hasNamespace()) {
            return "uses " + text + ": only contact merge fields are allowed";
        }
        List<Expression.Part> parts = expression.getParts();
        if (!"contact".equals(parts.get(0).getName())) {
            return "uses " + text + ": unknown root '" + parts.get(0).getName() + "', only 'contact' is allowed";
        }
        int fieldEnd = fieldEnd(parts);
        if (fieldEnd < 0) {
            return "uses " + text + ": unknown merge field, use contact.firstName, contact.lastName, contact.email "
                    + "or contact.fields.<name>";
        }
        for (Expression.Part part : parts.subList(fieldEnd, parts.size())) {
            if (!part.isVirtualMethod() || !DEFAULT_METHODS.contains(part.getName())
                    || !part.asVirtualMethod().getParameters().stream().allMatch(Expression::isLiteral)) {
                return "uses " + text + ": only a literal default (?: 'text') may follow a merge field";
            }
        }
        return null;
    }

    /** The index after the merge field's own parts, or -1 when they name no merge field. */
    private static int fieldEnd(List<Expression.Part> parts) {
        if (parts.size() >= 2 && !parts.get(1).isVirtualMethod() && CONTACT_PROPERTIES.contains(parts.get(1).getName())) {
            return 2;
        }
        if (parts.size() >= 3 && "fields".equals(parts.get(1).getName()) && !parts.get(1).isVirtualMethod()
                && !parts.get(2).isVirtualMethod()) {
            return 3;
        }
        return -1;
    }

    private static String describe(TemplateException e) {
        String message = e.getMessage() == null ? "unparsable" : e.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }
}
