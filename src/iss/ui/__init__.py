"""The Textual front end of I.S.S. Build the app with `iss.ui.app.make_app`."""
