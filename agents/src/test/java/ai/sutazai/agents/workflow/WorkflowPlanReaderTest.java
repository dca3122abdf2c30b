package ai.sutazai.agents.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.verticles.agents.AgentCatalogueLoader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Reading the coordinator's answer: a valid plan, and every refusal naming the step, the field and the rule. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WorkflowPlanReaderTest {

  private static final WorkflowPlanReader READER = new WorkflowPlanReader(AgentCatalogueLoader.shipped());

  /** Verifies that a valid plan is read with its steps in order and a missing depends_on read as none. */
  @Test
  void readsAValidPlan() {
    JsonObject design = step("design", "api_design").put("depends_on", new JsonArray());
    JsonObject review = step("review", "code_review").put("depends_on", new JsonArray().add("design"));
    JsonObject tests = step("tests", "unit_test_generation");
    tests.remove("depends_on");

    PlanReading reading = READER.read(plan(design, review, tests).encode());

    assertThat(reading.problems()).isEmpty();
    WorkflowPlan plan = reading.plan();
    assertThat(plan.steps()).extracting(PlanStep::id).containsExactly("design", "review", "tests");
    assertThat(plan.step("review").orElseThrow().dependsOn()).containsExactly("design");
    assertThat(plan.step("tests").orElseThrow().dependsOn()).isEmpty();
    assertThat(plan.step("design").orElseThrow().instruction()).isEqualTo("do the design part");
    assertThat(plan.toJson().getJsonArray("steps").getJsonObject(2)).isEqualTo(tests.put("depends_on", new JsonArray()));
  }

  /** Verifies that a plan inside a Markdown fence, with words around it, is read as the plan. */
  @Test
  void toleratesAJsonFence() {
    String reply = "Here is the plan:\n```json\n" + plan(step("a", "api_design")).encodePrettily() + "\n```\nGood luck.";

    assertThat(READER.read(reply).plan().steps()).extracting(PlanStep::id).containsExactly("a");
    assertThat(READER.read("```\n" + plan(step("a", "api_design")).encode() + "```").isValid()).isTrue();
  }

  /** Verifies that a reasoning model's thinking block before the plan is skipped. */
  @Test
  void skipsAThinkingBlock() {
    String reply = "<think>The user wants {an API}. Steps: design.</think>\n" + plan(step("a", "api_design")).encode();

    assertThat(READER.read(reply).isValid()).isTrue();
  }

  /** Verifies that a field the plan format does not know is refused, in a step and at the top. */
  @Test
  void refusesAnUnknownField() {
    assertOnlyProblem(plan(step("a", "api_design"), step("b", "code_review").put("priority", 1)),
        "b", "/steps/1/priority", "is not a known field");
    assertOnlyProblem(plan(step("a", "api_design")).put("title", "x"), null, "/title", "is not a known field");
  }

  /** Verifies that a field of the wrong type is refused with its rule and the value given. */
  @Test
  void refusesAWrongType() {
    assertOnlyProblem(plan(step("a", "api_design").put("depends_on", "b")), "a", "/steps/0/depends_on",
        "must be an array of distinct step ids, got \"b\"");
    assertOnlyProblem(plan(step("a", "api_design").put("instruction", " ")), "a", "/steps/0/instruction",
        "must be an instruction of 1 to 4000 characters that is not blank, got \" \"");
  }

  /** Verifies that a step without a capability is refused naming the missing field. */
  @Test
  void refusesAMissingField() {
    JsonObject noCapability = step("a", "api_design");
    noCapability.remove("capability");
    assertOnlyProblem(plan(noCapability), "a", "/steps/0/capability", "is required");
  }

  /** Verifies that two steps with one id are refused, naming the second and where the first is. */
  @Test
  void refusesADuplicateId() {
    assertOnlyProblem(plan(step("a", "api_design"), step("b", "code_review"), step("a", "refactoring")),
        "a", "/steps/2/id", "must be unique, but a is also the id of the step at /steps/0");
  }

  /** Verifies that a dependency on a step the plan does not have is refused naming it. */
  @Test
  void refusesAMissingDependency() {
    JsonObject b = step("b", "code_review").put("depends_on", new JsonArray().add("a").add("z"));
    assertOnlyProblem(plan(step("a", "api_design"), b), "b", "/steps/1/depends_on/1",
        "names z, which is not the id of any step of the plan");
  }

  /** Verifies that a cycle of dependencies is refused with the cycle spelled out. */
  @Test
  void refusesACycle() {
    JsonObject a = step("a", "api_design").put("depends_on", new JsonArray().add("c"));
    JsonObject b = step("b", "code_review").put("depends_on", new JsonArray().add("a"));
    JsonObject c = step("c", "refactoring").put("depends_on", new JsonArray().add("b"));
    JsonObject d = step("d", "unit_test_generation").put("depends_on", new JsonArray().add("c"));

    assertOnlyProblem(plan(a, b, c, d), "a", "/steps/0/depends_on",
        "closes the cycle a -> c -> b -> a: no step of a cycle could ever start");
  }

  /** Verifies that a step depending on itself is a cycle too. */
  @Test
  void refusesASelfDependency() {
    assertOnlyProblem(plan(step("a", "api_design").put("depends_on", new JsonArray().add("a"))), "a",
        "/steps/0/depends_on", "closes the cycle a -> a: no step of a cycle could ever start");
  }

  /** Verifies that a capability no agent takes is refused, naming it and the closest known one. */
  @Test
  void refusesAnUnknownCapabilityAndSuggestsTheClosest() {
    assertOnlyProblem(plan(step("a", "api_desing")), "a", "/steps/0/capability",
        "names api_desing, which no agent of the catalogue takes; the closest known is api_design");
    assertOnlyProblem(plan(step("a", "review_code")), "a", "/steps/0/capability",
        "names review_code, which no agent of the catalogue takes; the closest known is code_review");
  }

  /** Verifies that a plan without steps is refused. */
  @Test
  void refusesAnEmptyPlan() {
    assertOnlyProblem(plan(), null, "/steps", "must hold at least one step");
  }

  /** Verifies that a plan longer than the bound is refused with its length. */
  @Test
  void refusesTooManySteps() {
    JsonObject[] steps = IntStream.rangeClosed(1, WorkflowPlan.MAX_STEPS + 1)
        .mapToObj(i -> step("s" + i, "code_review")).toArray(JsonObject[]::new);

    assertOnlyProblem(plan(steps), null, "/steps", "must hold at most 20 steps, got 21");
    assertThat(READER.read(plan(List.of(steps).subList(0, 20).toArray(JsonObject[]::new)).encode()).isValid()).isTrue();
  }

  /** Verifies that an answer that is not JSON is refused with where the reader stopped. */
  @Test
  void refusesMalformedJson() {
    PlanReading reading = READER.read("{\"steps\": [\n  {\"id\": \"a\",, }\n]}");

    assertThat(reading.isValid()).isFalse();
    assertThat(reading.problems()).singleElement().satisfies(p -> {
      assertThat(p.step()).isNull();
      assertThat(p.field()).isEmpty();
      assertThat(p.rule()).startsWith("is not valid JSON: ")
          .endsWith("was expecting double-quote to start field name at line 2, column 14");
    });
    assertThat(READER.read("Sure! I will plan that.").problems()).singleElement()
        .satisfies(p -> assertThat(p.detail()).startsWith("the plan is not valid JSON: "));
    assertThat(READER.read("```json\n```").problems()).singleElement().satisfies(p -> assertThat(p.detail())
        .isEqualTo("the plan is empty: the answer must be a JSON object with the field steps"));
  }

  /** Verifies that every problem of a plan is reported at once, the plan's own first, then by step. */
  @Test
  void reportsEveryProblemInStepOrder() {
    PlanReading reading = READER.read(plan(
        step("a", "api_desing"),
        step("b", "code_review").put("depends_on", new JsonArray().add("nope")).put("colour", "red"))
        .put("x", 1).encode());

    assertThat(reading.problems()).extracting(PlanProblem::detail).containsExactly(
        "/x is not a known field",
        "step a: /steps/0/capability names api_desing, which no agent of the catalogue takes; "
            + "the closest known is api_design",
        "step b: /steps/1/colour is not a known field",
        "step b: /steps/1/depends_on/0 names nope, which is not the id of any step of the plan");
  }

  private static void assertOnlyProblem(JsonObject plan, String step, String field, String rule) {
    PlanReading reading = READER.read(plan.encode());
    assertThat(reading.isValid()).isFalse();
    assertThat(reading.problems()).containsExactly(new PlanProblem(step, field, rule));
  }

  static JsonObject step(String id, String capability) {
    return new JsonObject().put("id", id).put("instruction", "do the " + id + " part").put("capability", capability)
        .put("depends_on", new JsonArray());
  }

  static JsonObject plan(JsonObject... steps) {
    return new JsonObject().put("steps", new JsonArray(List.of((Object[]) steps)));
  }
}
