-- Agent metrics name the agent by its catalogue id (ag-001), as tasks do since version 4: the agents table does
-- not hold the catalogue's agents. The sampler (agents.metrics_interval_ms) writes one row per agent and metric
-- (in_flight, completed, failed, up) at each sample, all with the sample's time.

ALTER TABLE agent_metrics DROP CONSTRAINT agent_metrics_agent_id_fkey;
ALTER TABLE agent_metrics ALTER COLUMN agent_id TYPE text USING agent_id::text;

-- One agent's series of one metric, in time order; and every agent at a time (a sample, or rows older than a date).
DROP INDEX idx_metrics_agent_timestamp;
CREATE INDEX idx_agent_metrics_agent_metric_time ON agent_metrics (agent_id, metric_name, timestamp);
CREATE INDEX idx_agent_metrics_time ON agent_metrics (timestamp);
