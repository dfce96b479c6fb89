DROP INDEX app.thing_id_idx;
