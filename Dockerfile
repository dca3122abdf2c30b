# SutazAI as a container image: built with the Maven wrapper on a JDK, run on a JRE as a non-root user.
#
# Embedded PostgreSQL needs user namespaces, which a default container does not allow: run this image
# with SUTAZAI_PG_URL pointing at a PostgreSQL server, as docker-compose.yml does with its postgres service.
# Without it SutazAI still starts, but says so in one line and keeps no conversations.

FROM eclipse-temurin:17.0.17_10-jdk-noble AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -pl launcher -am -DskipTests package

FROM eclipse-temurin:17.0.17_10-jre-noble
# /var/lib/sutazai holds SutazAI's own files (data.dir); /var/lib/sutazai-metrics receives the token
# Prometheus scrapes /metrics with (written by the metrics-token service of docker-compose.yml).
RUN groupadd --system --gid 10001 sutazai \
    && useradd --system --uid 10001 --gid sutazai --home-dir /var/lib/sutazai --no-create-home \
      --shell /usr/sbin/nologin sutazai \
    && mkdir -p /opt/sutazai /var/lib/sutazai /var/lib/sutazai-metrics \
    && chown sutazai:sutazai /var/lib/sutazai /var/lib/sutazai-metrics
WORKDIR /opt/sutazai
COPY --from=build /src/launcher/target/sutazai.jar /opt/sutazai/sutazai.jar
ENV SUTAZAI_DATA_DIR=/var/lib/sutazai
VOLUME ["/var/lib/sutazai"]
EXPOSE 10005
USER sutazai:sutazai
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:10005/api/v1/system/health"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/sutazai/sutazai.jar"]
