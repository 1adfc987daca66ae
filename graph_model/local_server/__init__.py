"""The project's own Neo4j 5.26 Community server, run without Docker.

The server is fetched from Maven Central and started with ``java`` directly.

Maven Central does not publish Neo4j's tarball, but ``org.neo4j:neo4j`` ("Neo4j -
Community") and its runtime dependencies are the whole server. Linkwatch copies that jar
closure into a cache once, writes a loopback-only ``neo4j.conf`` and runs
``org.neo4j.server.CommunityEntryPoint`` with ``java`` directly, as ``bin/neo4j`` would.
"""
