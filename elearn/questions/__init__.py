"""What a question type is (``types``), how its body is read (``answers``), the helpers
every type uses (``helpers``) and how its block is drawn on learners' and trainers'
pages (``views``). Plugins reach these through ``elearn.plugin_api``."""
