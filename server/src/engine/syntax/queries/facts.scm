; Nodes the facts index is built from (server/src/engine/facts/build.ts).
; One pass over the tree; captures are dispatched by name.

(import_statement) @import
(import_from_statement) @import_from
(call) @call
(assignment) @assignment
(augmented_assignment) @augmented_assignment
(function_definition) @function
(comment) @comment
