"""The workbench (`kinmap serve`): a local web application where a reviewer checks drafts.

A thin face over the same library as the command line: the store, the bounded
document readers, the extractor, validation, the named queries and the views.
Pages are rendered on the server with Jinja2; the one script (`static/select.js`)
copies the words a reviewer selects into the form that adds an element.

    from kinmap.web.app import Settings, create_app
    app = create_app(Settings(store="store", drafts="drafts"))

Flask is an optional dependency (`pip install 'kinmap[web]'`); nothing here is
imported unless `kinmap serve` runs.
"""
