package io.tidings.delivery.sending;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Expression;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ResultMapper;
import io.quarkus.qute.Results;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateNode;
import io.quarkus.qute.Variant;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders a campaign's user-written templates with merge fields ({@code {contact.firstName}},
 * {@code {contact.lastName}}, {@code {contact.email}}, {@code {contact.fields.<name>}}) and the recipient's
 * {@code {unsubscribeUrl}}. The Qute engine here is
 * restricted: data are plain maps, no reflection, no includes or namespaces; missing values render empty, and
 * values merged into HTML are escaped.
 */
@ApplicationScoped
public class MergeTemplates {
    private static final Variant PLAIN = Variant.forContentType(Variant.TEXT_PLAIN);
    private static final Variant HTML = Variant.forContentType(Variant.TEXT_HTML);
    private static final int MAX_CACHED = 512;

    private final Engine engine = Engine.builder()
            .addDefaultSectionHelpers()
            .addDefaultValueResolvers()
            .strictRendering(false)
            .addResultMapper(new Missing())
            .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
            .build();
    private final Map<String, Template> textTemplates = new ConcurrentHashMap<>();
    private final Map<String, Template> htmlTemplates = new ConcurrentHashMap<>();

    /** The contact as templates see it. */
    public static Map<String, Object> contact(String email, String firstName, String lastName,
            Map<String, String> fields) {
        Map<String, Object> contact = new HashMap<>();
        contact.put("email", email);
        contact.put("firstName", firstName);
        contact.put("lastName", lastName);
        contact.put("fields", fields == null ? Map.of() : fields);
        return contact;
    }

    public String text(String template, Map<String, Object> contact) {
        return render(template, PLAIN, contact, null);
    }

    public String html(String template, Map<String, Object> contact) {
        return render(template, HTML, contact, null);
    }

    public String text(String template, Map<String, Object> contact, String unsubscribeUrl) {
        return render(template, PLAIN, contact, unsubscribeUrl);
    }

    public String html(String template, Map<String, Object> contact, String unsubscribeUrl) {
        return render(template, HTML, contact, unsubscribeUrl);
    }

    /** Renders; a template that does not parse fails with {@link UnsendableMail}. */
    private String render(String template, Variant variant, Map<String, Object> contact, String unsubscribeUrl) {
        if (template == null) {
            return null;
        }
        try {
            return parsed(template, variant).data("contact", contact).data("unsubscribeUrl", unsubscribeUrl).render();
        } catch (RuntimeException e) {
            throw new UnsendableMail("the campaign's template does not render: " + e.getMessage());
        }
    }

    // every recipient of a campaign has the same templates: each is parsed once, not once a mail (parsing cost more
    // than rendering). A parsed template is immutable and renders from any thread. Bounded: a pod that saw more
    // templates than this starts over
    private Template parsed(String template, Variant variant) {
        Map<String, Template> cache = variant == HTML ? htmlTemplates : textTemplates;
        Template known = cache.get(template);
        if (known != null) {
            return known;
        }
        Template fresh = engine.parse(template, variant);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(template, fresh);
        return fresh;
    }

    /** Renders a missing merge field (an absent key, a null value) as nothing. */
    private static final class Missing implements ResultMapper {
        @Override
        public int getPriority() {
            return 100;
        }

        @Override
        public boolean appliesTo(TemplateNode.Origin origin, Object result) {
            return result == null || Results.isNotFound(result);
        }

        @Override
        public String map(Object result, Expression expression) {
            return "";
        }
    }
}
