package io.docmap.mapper;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import io.docmap.common.mapper.MapperDocument;
import io.docmap.common.mapper.MapperPaths;
import io.docmap.common.mapper.MapperRequest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class EntityMappingResourceTest {

    @TestHTTPResource("/")
    URL url;

    @Test
    void mapsGazetteerNamesToCanonicalNamesInOrderWithoutDuplicates() {
        var request = new MapperRequest(List.of(
                new MapperDocument("d1", "腾讯和Apple在上海开会，上海市政府和苹果公司都来了。"), new MapperDocument("d2", "no entity here")));
        given().contentType(ContentType.JSON)
                .body(request)
                .post(MapperPaths.ENT_MAPPING)
                .then()
                .statusCode(200)
                .header(MapperPaths.VERSION_HEADER, startsWith("reference-"))
                .body("", hasSize(2))
                .body("[0].doc_id", is("d1"))
                .body("[0].ent_list", contains("腾讯", "Apple", "上海", "上海市", "苹果公司"))
                .body("[0].maaped_ent", contains("Tencent", "Apple", "Shanghai"))
                .body("[1].doc_id", is("d2"))
                .body("[1].ent_list", empty())
                .body("[1].maaped_ent", empty());
    }

    @Test
    void nullOrEmptyTextMapsToNoEntities() {
        given().contentType(ContentType.JSON)
                .body("{\"data_list\":[{\"doc_id\":\"n\",\"text\":null},{\"doc_id\":\"e\",\"text\":\"\"}]}")
                .post(MapperPaths.ENT_MAPPING)
                .then()
                .statusCode(200)
                .body("ent_list.flatten()", empty());
    }

    @Test
    void invalidJsonGets400WithDetail() {
        given().contentType(ContentType.JSON)
                .body("{\"data_list\": [")
                .post(MapperPaths.ENT_MAPPING)
                .then()
                .statusCode(400)
                .body("detail", containsString("invalid JSON"));
    }

    @Test
    void missingDocIdGets422WithDetail() {
        given().contentType(ContentType.JSON)
                .body(Map.of("data_list", List.of(Map.of("text", "x"))))
                .post(MapperPaths.ENT_MAPPING)
                .then()
                .statusCode(422)
                .body("detail", containsString("data_list[0].doc_id"));
    }

    @Test
    void unknownPathGetsDetailToo() {
        given().get("/nope").then().statusCode(404).body("detail", containsString("404"));
    }

    @Test
    void bodyOverTheLimitGets413AndTheServiceKeepsServing() throws Exception {
        String huge = "{\"data_list\":[{\"doc_id\":\"big\",\"text\":\"" + "x".repeat(11 * 1024 * 1024) + "\"}]}";
        // Expect: 100-continue lets the server refuse by Content-Length before the client streams 11 MB.
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "ent_mapping/"))
                .header("Content-Type", "application/json")
                .expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString(huge))
                .build();
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        mapsGazetteerNamesToCanonicalNamesInOrderWithoutDuplicates();
    }
}
