"""The filing packet (stc exhibit COUNTRY -o DIR/): caption page, exhibit list, analysis,
the cited documents behind their tabs, translations, forms, page stamps."""
