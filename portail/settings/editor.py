"""The rich-text editor's configuration (CKEditor 5): what editors may write."""

# The toolbar offers only what the public templates style, and the server-side
# sanitiser (cuf.text.sanitizer) allows exactly the markup these buttons produce, and the
# few elements General HTML Support keeps from imported texts (its "allow" list below:
# no raw-HTML editing, SourceEditing stays removed). The bundled
# build ships more plugins than we want: those that let an editor type raw HTML, embed
# media or style freely are removed, not merely left off the toolbar (their keyboard
# shortcuts and paste handling would otherwise still work).
CKEDITOR_5_CONFIGS = {
    "default": {
        "language": "fr",
        "toolbar": {
            "items": [
                "heading",
                "|",
                "bold",
                "italic",
                "superscript",
                "subscript",
                "code",
                "link",
                "|",
                "bulletedList",
                "numberedList",
                "blockQuote",
                "insertTable",
                "imageUpload",
                "codeBlock",
                "horizontalLine",
                "|",
                "undo",
                "redo",
            ],
        },
        "removePlugins": [
            "SourceEditing",
            "HtmlEmbed",
            "FullPage",
            "Style",
            "MediaEmbed",
            "Markdown",
            "Font",
            "Highlight",
            "Underline",
            "Strikethrough",
            "TodoList",
            "TableProperties",
            "TableCellProperties",
            "ImageResize",
            "Alignment",
            "IndentBlock",
            "PageBreak",
        ],
        "heading": {
            "options": [
                {"model": "paragraph", "title": "Paragraphe", "class": "ck-heading_paragraph"},
                {
                    "model": "heading2",
                    "view": "h2",
                    "title": "Titre 2",
                    "class": "ck-heading_heading2",
                },
                {
                    "model": "heading3",
                    "view": "h3",
                    "title": "Titre 3",
                    "class": "ck-heading_heading3",
                },
                {
                    "model": "heading4",
                    "view": "h4",
                    "title": "Titre 4",
                    "class": "ck-heading_heading4",
                },
            ],
        },
        "image": {
            # Alternative text, a caption (the imported credits are in it) and an alignment
            # (left, centred, right); no resizing.
            "toolbar": [
                "toggleImageCaption",
                "imageTextAlternative",
                "|",
                "imageStyle:alignLeft",
                "imageStyle:alignCenter",
                "imageStyle:alignRight",
            ],
            "styles": {"options": ["alignLeft", "alignCenter", "alignRight"]},
        },
        "codeBlock": {"languages": [{"language": "plaintext", "label": "Texte brut"}]},
        # Kept as they are when an imported text is edited, never offered by a button:
        # SPIP's small print, deletions and abbreviations, and the ids that link notes
        # and their calls (the sanitiser keeps only ids of that shape).
        "htmlSupport": {
            "allow": [
                {"name": "small"},
                {"name": "del"},
                {"name": "abbr", "attributes": {"title": True}},
                {"name": "a", "attributes": {"id": True}},
                {"name": "p", "attributes": {"id": True}},
            ],
        },
        "table": {"contentToolbar": ["tableColumn", "tableRow", "mergeTableCells"]},
        "link": {"defaultProtocol": "https://"},
    },
}
