console.log('cli stub', process.version)
