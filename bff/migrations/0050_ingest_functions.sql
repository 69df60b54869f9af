-- The ingest path's two statements as functions, so their plans are cached for the session: a batch's read
-- and write cost about a millisecond each to plan and run as plain statements, half of it planning, and
-- on PGlite every millisecond of a batch is a millisecond no request is served. The logic between the read
-- and the write (deduplication, the domain merge, sequence numbers) stays in bff/src/ingest.
--
-- ingest_read: what a batch needs to know before it merges — which dedupe keys are already in the log (with
-- their sequence and order), the stored documents of the orders it touches, which of them have parked
-- commands, and the head of the store's log. Lookups go key by key through the primary and unique
-- indexes (a join on unnest), so the plan does not depend on statistics PGlite never gathers by itself.
-- With p_lock it first takes the store's log-head lock (creating the head row on a store's first batch):
-- on a PostgreSQL server other processes append to the same log, and round trips, not the server, bound
-- how fast one store's log can grow there, so the lock costs none of its own. The batch writer visits
-- stores in id order, so processes take the locks in one order. PGlite, the only writer of its log, skips it.
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
-- statement-breakpoint
-- ingest_write: appends a batch's events and upserts the orders they change, then moves the log head.
-- p_rows is a JSON array of {seq, oid, t, k, p} (p the event payload); an order's new state is the
-- `order` of its last event in the batch, so each document crosses into the database once.
create function ingest_write(p_store text, p_rows jsonb, p_seq bigint, p_updated_ms bigint)
returns void language plpgsql as $$
begin
  with u as (
    select * from jsonb_to_recordset(p_rows) as u(seq bigint, oid text, t text, k text, p jsonb)
  ),
  events as (
    insert into order_events (store_id, seq, order_id, type, dedupe_key, payload)
    select p_store, u.seq, u.oid, u.t, u.k, u.p from u
  ),
  latest as (
    select distinct on (u.p->'order'->>'id') u.p->'order' as doc, (u.p->>'at')::bigint as upd, u.seq
    from u where jsonb_typeof(u.p->'order') = 'object'
    order by u.p->'order'->>'id', u.seq desc
  )
  insert into orders (store_id, id, channel, external_id, doc, updated_at, last_seq)
  select p_store, l.doc->>'id', l.doc->>'channel', coalesce(l.doc->>'externalId', l.doc->>'id'), l.doc, l.upd, l.seq
  from latest l
  on conflict (store_id, id) do update
    set doc = excluded.doc, updated_at = excluded.updated_at, last_seq = excluded.last_seq;
  insert into store_log_head (store_id, seq, updated_ms) values (p_store, p_seq, p_updated_ms)
  on conflict (store_id) do update set seq = excluded.seq, updated_ms = excluded.updated_ms;
end
$$;
