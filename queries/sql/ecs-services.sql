-- name: ecs-services
-- description: Amazon ECS services: their tasks, peers, flows and bytes, accepted and rejected
-- requires: ecs-cluster-name, ecs-service-name, ecs-task-id, flow-direction

WITH service_flows AS (
    SELECT
        ecs_cluster_name,
        ecs_service_name,
        ecs_task_id,
        srcaddr,
        dstaddr,
        flow_direction,
        action,
        bytes
    FROM vpc_flow_logs
    WHERE log_status = 'OK'
      AND ecs_service_name IS NOT NULL
)

SELECT
    ecs_cluster_name,
    ecs_service_name,
    count(DISTINCT ecs_task_id) AS tasks,
    count(*) AS flows,
    count_if(action = 'ACCEPT') AS accepted,
    count_if(action = 'REJECT') AS rejected,
    count(DISTINCT CASE WHEN flow_direction = 'egress' THEN dstaddr ELSE srcaddr END) AS peers,
    sum(CASE WHEN flow_direction = 'egress' THEN bytes ELSE 0 END) AS bytes_out,
    sum(CASE WHEN flow_direction = 'ingress' THEN bytes ELSE 0 END) AS bytes_in
FROM service_flows
GROUP BY ecs_cluster_name, ecs_service_name
ORDER BY ecs_cluster_name, ecs_service_name;
