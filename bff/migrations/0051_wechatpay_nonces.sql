-- WeChat Pay notification nonces, claimed by whichever BFF process verifies the notification first, so a
-- replay to another process sharing the server is refused too (each process also keeps its own cache).
-- A row lives until its timestamp leaves the freshness window; the job rounds delete expired rows.
create table wechatpay_nonces (
  nonce text primary key,
  expires_ms bigint not null
);
-- statement-breakpoint
create index wechatpay_nonces_expiry on wechatpay_nonces (expires_ms);
