"""The rich-text editor's configuration (CKEditor 5): what editors may write."""

# The toolbar offers only what the public templates style, and the server-side
# sanitiser (cuf.text.sanitizer) allows exactly the markup these buttons produce. The bundled
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
                "link",
                "|",
                "bulletedList",
                "numberedList",
                "blockQuote",
                "insertTable",
                "imageUpload",
                "|",
                "undo",
                "redo",
            ],
        },
        "removePlugins": [
            "SourceEditing",
            "HtmlEmbed",
            "GeneralHtmlSupport",
            "FullPage",
            "Style",
            "MediaEmbed",
            "Markdown",
            "CodeBlock",
            "Code",
            "Font",
            "Highlight",
            "Underline",
            "Strikethrough",
            "Subscript",
            "Superscript",
            "TodoList",
            "TableProperties",
            "TableCellProperties",
            "ImageResize",
            "ImageStyle",
            "Alignment",
            "IndentBlock",
            "HorizontalLine",
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
            # Alternative text and a caption; no resizing nor floating styles.
            "toolbar": ["toggleImageCaption", "imageTextAlternative"],
        },
        "table": {"contentToolbar": ["tableColumn", "tableRow", "mergeTableCells"]},
        "link": {"defaultProtocol": "https://"},
    },
}
