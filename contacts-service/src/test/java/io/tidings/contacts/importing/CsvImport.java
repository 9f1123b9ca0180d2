package io.tidings.contacts.importing;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.tidings.contacts.ProjectApi;
import java.nio.charset.StandardCharsets;

/** Posts CSV files to the import endpoint as one project. */
final class CsvImport {
    private CsvImport() {
    }

    /** Imports and waits for the final job (expects 200). */
    static JsonPath run(ProjectApi api, String csv, String query) {
        return post(api, csv.getBytes(StandardCharsets.UTF_8), "text/csv", "wait=true&" + query)
                .then().statusCode(200).extract().jsonPath();
    }

    static JsonPath run(ProjectApi api, String csv) {
        return run(api, csv, "");
    }

    static Response post(ProjectApi api, byte[] body, String contentType, String query) {
        // send the content type as given, like curl: no charset appended
        return api.request()
                .config(RestAssured.config().encoderConfig(
                        EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType(contentType).body(body)
                .post("/api/v1/contacts/imports" + (query.isEmpty() ? "" : "?" + query));
    }

    /** The first page of a job's rejected rows. */
    static JsonPath rejects(ProjectApi api, JsonPath job) {
        return api.request().get("/api/v1/contacts/imports/" + job.getString("id") + "/rejects")
                .then().statusCode(200).extract().jsonPath();
    }

    /** The contact with this normalised address, as the contacts list shows it. */
    static JsonPath contact(ProjectApi api, String normalizedEmail) {
        JsonPath list = api.request().queryParam("limit", 1000).get("/api/v1/contacts")
                .then().statusCode(200).extract().jsonPath();
        return new JsonPath(list.prettify()).setRootPath("items.find { it.normalizedEmail == '" + normalizedEmail + "' }");
    }
}
