-- The network's own name, given on the first-run page. One row at most.

CREATE TABLE network (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL
);
