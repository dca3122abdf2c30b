"""Checks docker-compose.yml, .env.example, the Dockerfile and Grafana's provisioning against the deployment rules.

Usage: deploy_checks.py RESOLVED_COMPOSE_YAML
The compose file is read as `docker-compose config` printed it (anchors merged, variables filled in,
ports in long form). The repository root is the current directory. Prints one line per violation and
exits with 1 when there is any. Writes every dashboard query, as a Prometheus recording rule, to
dashboard-queries.yml beside the compose file, for `promtool check rules` to parse.
"""
import glob
import json
import os
import re
import sys
import xml.etree.ElementTree as ElementTree

import yaml

# The seed's host ports: service -> {host port: container port}. No other service publishes a port.
HOST_PORTS = {
    "sutazai": {10005: 10005},
    "postgres": {10000: 5432},
    "redis": {10001: 6379},
    "rabbitmq": {10041: 5672, 10042: 15672},
    "ollama": {10104: 11434},
    "prometheus": {10200: 9090},
    "grafana": {10201: 3000},
}
DATA_SERVICES = {"postgres", "redis", "rabbitmq"}
MODEL_SERVICES = {"ollama", "model-pull"}
SECRET_NAME = re.compile(r"PASSWORD|SECRET|TOKEN|KEY")
VERSION_TAG = re.compile(r"^v?\d+(\.\d+)+([-_.][A-Za-z0-9._-]+)?$")


def image_problem(image):
    """Why an image reference is not pinned to a version, or None when it is."""
    name, _, digest = image.partition("@")
    last = name.rsplit("/", 1)[-1]
    if ":" not in last:
        return "has no tag" if not digest else None
    tag = last.split(":", 1)[1]
    if tag == "latest":
        return "is tagged latest"
    if not VERSION_TAG.match(tag):
        return "is tagged %r, not a version such as 1.2.3" % tag
    return None


def volume_mount(volume):
    """(source, target, read only) of a volume in the short ("src:dst:ro") or the long form."""
    if isinstance(volume, dict):
        return volume.get("source"), volume.get("target"), bool(volume.get("read_only"))
    parts = volume.split(":")
    if len(parts) == 1:
        return None, parts[0], False
    return parts[0], parts[1], len(parts) > 2 and "ro" in parts[2].split(",")


def maven_version():
    pom = ElementTree.parse("pom.xml").getroot()
    return pom.find("{http://maven.apache.org/POM/4.0.0}version").text


def dockerfile_instructions(path):
    """The Dockerfile's instructions as (line number, keyword, arguments), continuations joined."""
    instructions, pending, start = [], "", 0
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            stripped = line.strip()
            if not pending and (not stripped or stripped.startswith("#")):
                continue
            if pending and stripped.startswith("#"):
                continue
            if not pending:
                start = number
            if stripped.endswith("\\"):
                pending += stripped[:-1] + " "
                continue
            text = pending + stripped
            pending = ""
            keyword, _, arguments = text.partition(" ")
            instructions.append((start, keyword.upper(), arguments.strip()))
    return instructions


def check_dockerfile(path, problems):
    """The hadolint rules that apply here (hadolint itself has no package on this machine)."""
    instructions = dockerfile_instructions(path)
    stages = set()
    keywords = [keyword for _, keyword, _ in instructions]
    for number, keyword, arguments in instructions:
        where = "%s:%d" % (path, number)
        words = arguments.split()
        if keyword == "FROM":
            image = [word for word in words if not word.startswith("--")][0]
            if image not in stages:
                problem = image_problem(image)
                if problem:
                    problems.append("%s: base image %s %s (DL3006/DL3007)" % (where, image, problem))
            if len(words) >= 3 and words[-2].upper() == "AS":
                stages.add(words[-1])
        elif keyword == "ADD":
            problems.append("%s: use COPY instead of ADD for files (DL3020)" % where)
        elif keyword == "WORKDIR" and not arguments.startswith("/"):
            problems.append("%s: WORKDIR %s is not absolute (DL3000)" % (where, arguments))
        elif keyword in ("CMD", "ENTRYPOINT") and not arguments.startswith("["):
            problems.append("%s: %s in shell form; use the JSON form so signals reach Java (DL3025)" % (where, keyword))
        elif keyword == "RUN":
            if re.search(r"(^|[;&|]\s*)cd\s", arguments):
                problems.append("%s: cd in RUN; use WORKDIR (DL3003)" % where)
            if re.search(r"\bsudo\b", arguments):
                problems.append("%s: sudo in RUN (DL3004)" % where)
            if re.search(r"apt-get\s+install", arguments):
                if "--no-install-recommends" not in arguments:
                    problems.append("%s: apt-get install without --no-install-recommends (DL3015)" % where)
                if "rm -rf /var/lib/apt/lists" not in arguments:
                    problems.append("%s: apt-get lists not removed after install (DL3009)" % where)
    users = [arguments for _, keyword, arguments in instructions if keyword == "USER"]
    if not users or users[-1].split(":")[0] in ("root", "0"):
        problems.append("%s: the image runs as root; end with USER of an unprivileged user (DL3002)" % path)
    for required in ("HEALTHCHECK", "VOLUME", "EXPOSE"):
        if required not in keywords:
            problems.append("%s: no %s instruction" % (path, required))
    return "HEALTHCHECK" in keywords


def check_compose(compose, dockerfile_has_healthcheck, problems):
    services = compose.get("services", {})
    declared_volumes = set((compose.get("volumes") or {}).keys())
    version = maven_version()
    for name in HOST_PORTS:
        if name not in services:
            problems.append("docker-compose.yml: service %s is missing" % name)
    for name, service in services.items():
        where = "docker-compose.yml: service %s" % name
        image = service.get("image")
        if not image:
            problems.append("%s: no image name" % where)
        else:
            problem = image_problem(image)
            if problem:
                problems.append("%s: image %s %s" % (where, image, problem))
            if "build" in service and image.rsplit(":", 1)[-1] != version:
                problems.append("%s: built image %s should carry the project version %s" % (where, image, version))

        published = {}
        for port in service.get("ports", []):
            if not isinstance(port, dict) or "published" not in port:
                problems.append("%s: port %r has no fixed host port" % (where, port))
                continue
            published[int(port["published"])] = int(port["target"])
        expected = HOST_PORTS.get(name, {})
        if published != expected:
            problems.append("%s: publishes %s, the seed's table says %s" % (where, published or "nothing", expected or "nothing"))

        long_running = service.get("restart", "no") != "no"
        if long_running:
            healthcheck = service.get("healthcheck")
            if healthcheck is None:
                if not ("build" in service and dockerfile_has_healthcheck):
                    problems.append("%s: long-running service without a health check" % where)
            elif healthcheck.get("disable") or healthcheck.get("test") in (["NONE"], "NONE"):
                problems.append("%s: health check disabled" % where)

        limits = (((service.get("deploy") or {}).get("resources") or {}).get("limits") or {})
        if "memory" not in limits and "mem_limit" not in service:
            problems.append("%s: no memory limit" % where)

        for volume in service.get("volumes", []):
            source, target, read_only = volume_mount(volume)
            if not source:
                problems.append("%s: anonymous volume at %s; name it" % (where, target))
            elif source.startswith(("/", ".")):
                if not read_only:
                    problems.append("%s: bind mount %s is writable" % (where, source))
            elif source not in declared_volumes:
                problems.append("%s: volume %s is not declared" % (where, source))

        networks = set(service.get("networks") or {})
        if not networks and service.get("network_mode") != "none":
            problems.append("%s: on the default network; name its networks" % where)
        if name in DATA_SERVICES and "agents" in networks:
            problems.append("%s: a data service on the agents network" % where)
        if name in MODEL_SERVICES and "data" in networks:
            problems.append("%s: on the data network" % where)


def check_env_example(problems):
    with open("docker-compose.yml", encoding="utf-8") as source:
        used = set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)", source.read()))
    example = {}
    with open(".env.example", encoding="utf-8") as source:
        for line in source:
            line = line.strip()
            if line and not line.startswith("#"):
                key, _, value = line.partition("=")
                example[key] = value
    for name in sorted(used - set(example)):
        problems.append(".env.example: %s, used by docker-compose.yml, is not listed" % name)
    for name, value in sorted(example.items()):
        if SECRET_NAME.search(name) and value:
            problems.append(".env.example: %s holds a value; secrets stay empty there" % name)
    for ignore_file in (".gitignore", ".dockerignore"):
        with open(ignore_file, encoding="utf-8") as source:
            if ".env" not in [line.strip() for line in source]:
                problems.append("%s: does not list .env" % ignore_file)


GRAFANA_PROVISIONING = "/etc/grafana/provisioning"


def grafana_mounts(compose):
    """The grafana service's bind mounts as {target: source relative to the repository}."""
    service = compose.get("services", {}).get("grafana", {})
    mounts = {}
    for volume in service.get("volumes", []):
        source, target, _ = volume_mount(volume)
        if source and source.startswith(("/", ".")):
            mounts[target] = os.path.relpath(source, os.getcwd()) if source.startswith("/") else os.path.normpath(source)
    return mounts


def panel_queries(panels):
    """Every panel (rows' nested panels included) but rows, which hold no query."""
    for panel in panels:
        if panel.get("type") == "row":
            yield from panel_queries(panel.get("panels", []))
        else:
            yield panel


# Grafana's interval variables, replaced by a duration so that promtool can parse the queries.
GRAFANA_INTERVALS = re.compile(r"\$__(rate_interval|interval|range)\b")


def dashboard_rules(dashboards):
    """Every query of the dashboards as a recording rule group, Grafana's variables replaced."""
    rules = []
    for dashboard in dashboards:
        for panel in panel_queries(dashboard.get("panels", [])):
            for target in panel.get("targets") or []:
                if (target.get("expr") or "").strip():
                    rules.append({"record": "dashboard:panel_%s:%s" % (panel.get("id"), target.get("refId", "A")),
                                  "expr": GRAFANA_INTERVALS.sub("5m", target["expr"])})
    return {"groups": [{"name": "dashboard-queries", "rules": rules}]}


def check_dashboard(path, datasource_uids, problems):
    try:
        with open(path, encoding="utf-8") as source:
            dashboard = json.load(source)
    except (OSError, ValueError) as e:
        problems.append("%s: not valid JSON: %s" % (path, e))
        return None
    for field in ("uid", "title", "panels"):
        if not dashboard.get(field):
            problems.append("%s: no %s" % (path, field))
    for panel in panel_queries(dashboard.get("panels", [])):
        where = "%s: panel %r" % (path, panel.get("title"))
        targets = panel.get("targets") or []
        if not any((target.get("expr") or "").strip() for target in targets):
            problems.append("%s: has no query" % where)
        for source in [panel.get("datasource")] + [target.get("datasource") for target in targets]:
            uid = (source or {}).get("uid")
            if uid not in datasource_uids:
                problems.append("%s: data source %r is not a provisioned one (%s)"
                                % (where, uid, ", ".join(sorted(datasource_uids))))
    return dashboard


def check_grafana(compose, problems):
    """Grafana's data source, dashboard provider and dashboards: mounted by the compose file, and consistent."""
    mounts = grafana_mounts(compose)
    if mounts.get(GRAFANA_PROVISIONING) != os.path.join("grafana", "provisioning"):
        problems.append("docker-compose.yml: grafana does not mount grafana/provisioning at %s" % GRAFANA_PROVISIONING)
    datasource_uids = set()
    for path in sorted(glob.glob("grafana/provisioning/datasources/*.yml")):
        with open(path, encoding="utf-8") as source:
            for datasource in (yaml.safe_load(source) or {}).get("datasources", []):
                if not datasource.get("uid"):
                    problems.append("%s: data source %r has no fixed uid" % (path, datasource.get("name")))
                datasource_uids.add(datasource.get("uid"))
    if not datasource_uids:
        problems.append("grafana/provisioning/datasources: no data source")
    providers = []
    for path in sorted(glob.glob("grafana/provisioning/dashboards/*.yml")):
        with open(path, encoding="utf-8") as source:
            providers += (yaml.safe_load(source) or {}).get("providers", [])
    dashboards = []
    for provider in providers:
        folder = (provider.get("options") or {}).get("path")
        mounted = mounts.get(folder)
        if not mounted:
            problems.append("grafana/provisioning/dashboards: provider %r reads %s, which docker-compose.yml does not mount"
                            % (provider.get("name"), folder))
            continue
        files = sorted(glob.glob(os.path.join(mounted, "*.json")))
        if not files:
            problems.append("%s: no dashboard for provider %r" % (mounted, provider.get("name")))
        for path in files:
            dashboard = check_dashboard(path, datasource_uids, problems)
            if dashboard:
                dashboards.append(dashboard)
    if "SutazAI System Overview" not in [dashboard.get("title") for dashboard in dashboards]:
        problems.append("grafana/dashboards: no dashboard titled 'SutazAI System Overview'")
    return dashboards


def main():
    with open(sys.argv[1], encoding="utf-8") as source:
        compose = yaml.safe_load(source)
    problems = []
    dockerfile_has_healthcheck = check_dockerfile("Dockerfile", problems)
    check_compose(compose, dockerfile_has_healthcheck, problems)
    check_env_example(problems)
    dashboards = check_grafana(compose, problems)
    with open(os.path.join(os.path.dirname(sys.argv[1]), "dashboard-queries.yml"), "w", encoding="utf-8") as out:
        yaml.safe_dump(dashboard_rules(dashboards), out, sort_keys=False)
    for problem in problems:
        print(problem)
    if problems:
        return 1
    print("docker-compose.yml, .env.example and Dockerfile follow the deployment rules (%d services);"
          " Grafana provisions %d dashboard(s)." % (len(compose.get("services", {})), len(dashboards)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
