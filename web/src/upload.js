// upload page script: filled in by the upload page work
