-- ingest_read takes the store's log-head lock itself (creating the head row on a store's first batch), so a
-- batch on a PostgreSQL server costs one round trip less each for the insert and the lock — and round
-- trips, not the server, bound how fast one store's log can grow there. The batch writer visits stores in
-- id order, so several processes take the locks in one order. PGlite, the only writer of its log, skips
-- the lock (p_lock = false).
drop function ingest_read(text, text[], text[]);
-- statement-breakpoint
create function ingest_read(p_store text, p_keys text[], p_ids text[], p_lock boolean)
returns table (kind text, k text, v text, o text) language plpgsql as $$
begin
  if p_lock then
    insert into store_log_head (store_id) values (p_store) on conflict do nothing;
    perform 1 from store_log_head where store_id = p_store for update;
  end if;
  return query
    select 'dup', e.dedupe_key, e.seq::text, e.order_id
      from unnest(p_keys) as q(key) join order_events e on e.store_id = p_store and e.dedupe_key = q.key
    union all
    select 'doc', d.id, d.doc::text, null
      from unnest(p_ids) as q(id) join orders d on d.store_id = p_store and d.id = q.id
    union all
    select distinct 'parked', c.order_id, '', null::text
      from unnest(p_ids) as q(id) join orphan_commands c on c.store_id = p_store and c.order_id = q.id
    union all
    select 'head', h.store_id, h.seq::text || ':' || h.updated_ms::text, null
      from store_log_head h where h.store_id = p_store;
end
$$;
