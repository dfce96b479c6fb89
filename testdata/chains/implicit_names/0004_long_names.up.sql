CREATE TABLE customer_subscription_billing_history_entries_archive_2024 (
  payment_provider_reference_identifier text UNIQUE,
  id int PRIMARY KEY
);
