package ai.sutazai.verticles.agents;

import ai.sutazai.verticles.config.Setting;
import ai.sutazai.verticles.config.Settings;
import java.util.Arrays;
import java.util.Optional;

/** The kind of model an agent asks for by {@code model_type}; the {@code models.*} settings name the model of each. */
public enum ModelType {
  DEFAULT("default", Settings.MODELS_DEFAULT),
  REASONING("reasoning", Settings.MODELS_REASONING),
  CODING("coding", Settings.MODELS_CODING),
  ANALYSIS("analysis", Settings.MODELS_ANALYSIS);

  private final String id;
  private final Setting setting;

  ModelType(String id, Setting setting) {
    this.id = id;
    this.setting = setting;
  }

  public String id() {
    return id;
  }

  /** The setting ({@code models.coding}) whose value is the model this type stands for. */
  public Setting setting() {
    return setting;
  }

  public static Optional<ModelType> fromId(String id) {
    return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
  }
}
