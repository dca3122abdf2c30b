package ai.sutazai.verticles.agents;

/** The JSON schema of the catalogue, {@code /schemas/agent-catalogue.json} on the class path. */
final class CatalogueSchema {

  static final String RESOURCE = "/schemas/agent-catalogue.json";
  static final DescribedSchema INSTANCE = DescribedSchema.onClassPath(CatalogueSchema.class, RESOURCE);

  private CatalogueSchema() {
  }
}
